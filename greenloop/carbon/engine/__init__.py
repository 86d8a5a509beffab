"""Pure carbon-accounting computation (no Django): reference tables, factor sets, the
vectorised inventory engine, CEADs workbook parsing, LMDI, scenarios and enterprise accounting.

Other apps call :func:`enterprise_emissions` from here.
"""

from greenloop.carbon.engine.enterprise import EnterpriseResult, FuelUse, enterprise_emissions

__all__ = ["EnterpriseResult", "FuelUse", "enterprise_emissions"]
