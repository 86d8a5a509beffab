"""Writes indicators.csv (run once by hand; kept to show how the table was assembled)."""
import csv

OPN = "《青海省关于加快建立健全绿色低碳循环发展经济体系的实施意见》主要目标"
NBS = "国家统计局《统计指标解释》；《青海省国民经济和社会发展统计公报》"
GDI = "《绿色发展指标体系》(发改环资〔2016〕2635号)"
CARB = "《青海省碳达峰实施方案》"
ENV = "《青海省生态环境状况公报》"
EN = "《青海省“十四五”能源发展规划》；《青海打造国家清洁能源产业高地行动方案(2021-2030年)》"
CE = "《“十四五”循环经济发展规划》(发改环资〔2021〕969号)"
FOR = "《青海省“十四五”林业和草原保护发展规划》"
HOUSE = "《绿色建筑创建行动方案》(建标〔2020〕65号)；《青海省“十四五”城镇污水和垃圾处理规划》"
PBOC = "中国人民银行《绿色贷款专项统计制度》(银发〔2019〕326号)"
PP = "province|prefecture"
P = "province"
ROWS = [
 # code, zh, en, category, unit, direction, definition, formula, parts, levels, dept, categorical, min, max, source
 ("gdp","地区生产总值","Gross regional product","growth","亿元","neutral","按当年价格计算的地区生产总值","","va_primary+va_secondary+va_tertiary",PP,"qh-stats",0,0,"",NBS),
 ("gdp_growth","地区生产总值增长率","GRP real growth","growth","%","higher","按不变价格计算的地区生产总值比上年增长","","",PP,"qh-stats",0,-50,100,NBS),
 ("gdp_per_capita","人均地区生产总值","GRP per capita","growth","元","higher","地区生产总值除以年平均常住人口","gdp / population","",PP,"qh-stats",0,0,"",NBS),
 ("population","年末常住人口","Year-end resident population","growth","万人","neutral","年末在本地区居住半年以上的人口","","",PP,"qh-stats",0,0,"",NBS),
 ("urbanization_rate","常住人口城镇化率","Urbanization rate of resident population","growth","%","higher","城镇常住人口占常住人口的比重","urban_population / population × 100","",PP,"qh-stats",0,0,100,NBS),
 ("va_primary","第一产业增加值","Value added of the primary sector","structure","亿元","neutral","农林牧渔业增加值(当年价)","","",PP,"qh-stats",0,0,"",NBS),
 ("va_secondary","第二产业增加值","Value added of the secondary sector","structure","亿元","neutral","工业和建筑业增加值(当年价)","","",PP,"qh-stats",0,0,"",NBS),
 ("va_tertiary","第三产业增加值","Value added of the tertiary sector","structure","亿元","neutral","服务业增加值(当年价)","","",PP,"qh-stats",0,0,"",NBS),
 ("share_primary","第一产业增加值比重","Primary sector share of GRP","structure","%","neutral","第一产业增加值占地区生产总值比重","va_primary / gdp × 100","",PP,"qh-stats",0,0,100,OPN),
 ("share_secondary","第二产业增加值比重","Secondary sector share of GRP","structure","%","neutral","第二产业增加值占地区生产总值比重","va_secondary / gdp × 100","",PP,"qh-stats",0,0,100,OPN),
 ("share_tertiary","第三产业增加值比重","Tertiary sector share of GRP","structure","%","higher","第三产业增加值占地区生产总值比重","va_tertiary / gdp × 100","",PP,"qh-stats",0,0,100,GDI),
 ("hightech_mfg_share","高技术制造业增加值占规上工业比重","High-tech manufacturing share of above-scale industrial value added","structure","%","higher","高技术制造业增加值占规模以上工业增加值的比重","","",P,"qh-iit",0,0,100,OPN),
 ("equipment_mfg_share","装备制造业增加值占规上工业比重","Equipment manufacturing share of above-scale industrial value added","structure","%","higher","装备制造业增加值占规模以上工业增加值的比重","","",P,"qh-iit",0,0,100,OPN),
 ("strategic_emerging_share","战略性新兴产业产值占规上工业总产值比重","Strategic emerging industries share of above-scale industrial output","structure","%","higher","绿色产业比重的代理指标：战略性新兴产业产值占规模以上工业总产值比重","","",P,"qh-iit",0,0,100,OPN),
 ("income_per_capita","全体居民人均可支配收入","Per capita disposable income, all residents","living","元","higher","住户调查的全体居民人均可支配收入","","",PP,"qh-stats",0,0,"",GDI),
 ("income_urban","城镇常住居民人均可支配收入","Per capita disposable income, urban residents","living","元","higher","住户调查的城镇常住居民人均可支配收入","","",PP,"qh-stats",0,0,"",NBS),
 ("income_rural","农村常住居民人均可支配收入","Per capita disposable income, rural residents","living","元","higher","住户调查的农村常住居民人均可支配收入","","",PP,"qh-stats",0,0,"",NBS),
 ("energy_consumption","能源消费总量","Total energy consumption","energy","万吨标准煤","lower","一定时期内各行业和居民生活消费的各种能源的总和，按GB/T 2589折标准煤","","",PP,"qh-stats",0,0,"",GDI),
 ("energy_consumption_growth","能源消费总量增速","Total energy consumption growth","energy","%","lower","能源消费总量比上年增长","","",P,"qh-stats",0,-50,100,NBS),
 ("energy_intensity","单位地区生产总值能耗","Energy consumption per unit of GRP","energy","吨标准煤/万元","lower","能源消费总量除以按可比价格计算的地区生产总值","energy_consumption / gdp (constant prices)","",PP,"qh-stats",0,0,"",OPN),
 ("energy_intensity_change","单位地区生产总值能耗变化率","Change in energy consumption per unit of GRP","energy","%","lower","单位地区生产总值能耗比上年变化(负值为下降)","","",PP,"qh-stats",0,-60,60,GDI),
 ("energy_output_rate","能源产出率","Energy output rate","efficiency","万元/吨标准煤","higher","地区生产总值(可比价)除以能源消费总量","gdp / energy_consumption","",PP,"qh-stats",0,0,"",CE),
 ("industrial_energy_intensity_change","规上工业单位增加值能耗变化率","Change in energy use per unit of above-scale industrial value added","energy","%","lower","规模以上工业单位增加值能耗比上年变化","","",PP,"qh-iit",0,-60,60,NBS),
 ("co2_intensity","单位地区生产总值二氧化碳排放","CO2 emissions per unit of GRP","carbon","吨二氧化碳/万元","lower","能源活动二氧化碳排放量除以按可比价格计算的地区生产总值","co2_emissions / gdp (constant prices)","",PP,"qh-eco",0,0,"",CARB),
 ("co2_emissions","能源活动二氧化碳排放量","CO2 emissions from energy activities","carbon","万吨二氧化碳","lower","化石能源燃烧和工业过程二氧化碳排放量(省级清单口径)","","",PP,"qh-eco",0,0,"",CARB),
 ("non_fossil_share","非化石能源占能源消费总量比重","Non-fossil share of total energy consumption","energy","%","higher","非化石能源消费量占能源消费总量的比重","non_fossil_energy / energy_consumption × 100","",P,"qh-energy",0,0,100,CARB),
 ("electricity_consumption","全社会用电量","Total electricity consumption","energy","亿千瓦时","neutral","全社会各行业和城乡居民用电量之和","","",PP,"qh-energy",0,0,"",NBS),
 ("installed_capacity","电力总装机容量","Total installed power capacity","energy","万千瓦","neutral","年末发电设备装机容量","","",PP,"qh-energy",0,0,"",EN),
 ("thermal_capacity","火电装机容量","Thermal power installed capacity","energy","万千瓦","lower","年末火电机组装机容量","","",PP,"qh-energy",0,0,"",EN),
 ("clean_capacity","清洁能源装机容量","Clean-energy installed capacity","energy","万千瓦","higher","水电、风电、太阳能发电等清洁能源装机容量","hydro_capacity + wind_capacity + solar_capacity","",PP,"qh-energy",0,0,"",EN),
 ("clean_capacity_share","清洁能源装机占比","Clean-energy share of installed capacity","energy","%","higher","清洁能源装机容量占电力总装机容量比重","clean_capacity / installed_capacity × 100","",PP,"qh-energy",0,0,100,EN),
 ("new_energy_capacity","新能源装机容量","New-energy (wind and solar) installed capacity","energy","万千瓦","higher","风电和太阳能发电装机容量","wind_capacity + solar_capacity","",PP,"qh-energy",0,0,"",EN),
 ("new_energy_capacity_share","新能源装机占比","New-energy share of installed capacity","energy","%","higher","新能源装机容量占电力总装机容量比重","new_energy_capacity / installed_capacity × 100","",PP,"qh-energy",0,0,100,EN),
 ("hydro_capacity","水电装机容量","Hydropower installed capacity","energy","万千瓦","higher","年末水电装机容量","","",PP,"qh-energy",0,0,"",EN),
 ("solar_capacity","太阳能发电装机容量","Solar installed capacity (PV and CSP)","energy","万千瓦","higher","光伏和光热发电装机容量","pv_capacity + csp_capacity","pv_capacity+csp_capacity",PP,"qh-energy",0,0,"",EN),
 ("pv_capacity","光伏装机容量","Photovoltaic installed capacity","energy","万千瓦","higher","光伏发电装机容量","","",PP,"qh-energy",0,0,"",EN),
 ("csp_capacity","光热装机容量","Concentrated solar power installed capacity","energy","万千瓦","higher","光热发电装机容量","","",PP,"qh-energy",0,0,"",EN),
 ("wind_capacity","风电装机容量","Wind installed capacity","energy","万千瓦","higher","风力发电装机容量","","",PP,"qh-energy",0,0,"",EN),
 ("storage_capacity","新型储能装机容量","New-type energy storage capacity","energy","万千瓦","higher","电化学等新型储能装机规模","","",P,"qh-energy",0,0,"",EN),
 ("generation_total","发电量","Total power generation","energy","亿千瓦时","neutral","全年发电量","","",PP,"qh-energy",0,0,"",NBS),
 ("clean_generation","清洁能源发电量","Clean-energy power generation","energy","亿千瓦时","higher","水电、风电、太阳能发电量之和","hydro_generation + wind_generation + solar_generation","",PP,"qh-energy",0,0,"",EN),
 ("clean_generation_share","清洁能源发电量占比","Clean-energy share of power generation","energy","%","higher","清洁能源发电量占发电量比重(可再生能源发电量占比)","clean_generation / generation_total × 100","",PP,"qh-energy",0,0,100,EN),
 ("hydro_generation","水力发电量","Hydropower generation","energy","亿千瓦时","higher","水力发电量","","",P,"qh-energy",0,0,"",EN),
 ("solar_generation","太阳能发电量","Solar power generation","energy","亿千瓦时","higher","太阳能发电量","","",P,"qh-energy",0,0,"",EN),
 ("wind_generation","风力发电量","Wind power generation","energy","亿千瓦时","higher","风力发电量","","",P,"qh-energy",0,0,"",EN),
 ("water_use","用水总量","Total water use","efficiency","亿立方米","lower","生产、生活和生态用水总量","","",PP,"qh-water",0,0,"",GDI),
 ("water_output_rate","水资源产出率","Water output rate","efficiency","元/立方米","higher","地区生产总值除以用水总量","gdp / water_use","",PP,"qh-water",0,0,"",CE),
 ("water_per_gdp_reduction","万元地区生产总值用水量下降率","Reduction in water use per 10^4 yuan of GRP","efficiency","%","higher","万元地区生产总值用水量比基期下降的幅度","","",P,"qh-water",0,-100,100,GDI),
 ("construction_land_output_rate","建设用地产出率","Construction-land output rate","efficiency","万元/公顷","higher","地区生产总值除以建设用地面积","gdp / construction_land","",PP,"qh-nr",0,0,"",CE),
 ("industrial_solid_waste_utilization","一般工业固体废物综合利用率","General industrial solid waste utilization rate","circular","%","higher","一般工业固体废物综合利用量占产生量(含综合利用往年贮存量)的比重","","",PP,"qh-eco",0,0,100,CE),
 ("crop_straw_utilization","农作物秸秆综合利用率","Crop straw comprehensive utilization rate","circular","%","higher","秸秆综合利用量占可收集资源量的比重","","",PP,"qh-agri",0,0,100,GDI),
 ("livestock_manure_utilization","畜禽粪污综合利用率","Livestock manure utilization rate","circular","%","higher","畜禽粪污资源化利用量占产生量的比重","","",PP,"qh-agri",0,0,100,CE),
 ("farm_film_recovery","农膜回收率","Agricultural film recovery rate","circular","%","higher","农膜回收量占使用量的比重","","",PP,"qh-agri",0,0,100,CE),
 ("renewable_resource_recycling","主要再生资源回收量","Recycled renewable resources","circular","万吨","higher","废钢铁、废有色金属、废塑料、废纸等主要品种再生资源回收量","","",P,"qh-commerce",0,0,"",CE),
 ("urban_sewage_treatment","城市污水处理率","Urban sewage treatment rate","environment","%","higher","城市污水处理量占污水排放量的比重","","",PP,"qh-housing",0,0,100,HOUSE),
 ("urban_sewage_collection","城市生活污水集中收集率","Urban domestic sewage collection rate","environment","%","higher","城市生活污水集中收集量占生活污水排放量的比重","","",PP,"qh-housing",0,0,100,HOUSE),
 ("rural_sewage_treatment","农村生活污水治理率","Rural domestic sewage treatment rate","environment","%","higher","生活污水得到治理的行政村占比","","",PP,"qh-eco",0,0,100,ENV),
 ("waste_harmless_treatment","生活垃圾无害化处理率","Household waste harmless treatment rate","environment","%","higher","生活垃圾无害化处理量占清运量的比重","","",PP,"qh-housing",0,0,100,GDI),
 ("waste_sorting_coverage","生活垃圾分类达标小区覆盖率","Share of residential compounds meeting waste-sorting standard","environment","%","higher","实行生活垃圾分类并达标的居住小区占比","","",PP,"qh-housing",0,0,100,HOUSE),
 ("waste_incineration_share","生活垃圾焚烧处理能力占比","Incineration share of household waste treatment capacity","environment","%","higher","生活垃圾焚烧处理能力占无害化处理能力的比重","","",PP,"qh-housing",0,0,100,HOUSE),
 ("waste_resource_utilization","生活垃圾资源化利用率","Household waste resource utilization rate","circular","%","higher","生活垃圾资源化利用量占清运量的比重","","",PP,"qh-housing",0,0,100,CE),
 ("good_air_days_ratio","环境空气质量优良天数比例","Share of days with good air quality","environment","%","higher","环境空气质量指数(AQI)不大于100的天数占有效监测天数的比例","","",PP,"qh-eco",0,0,100,ENV),
 ("good_air_days","环境空气质量优良天数","Days with good air quality","environment","天","higher","环境空气质量指数(AQI)不大于100的天数","","",PP,"qh-eco",0,0,366,ENV),
 ("pm25","细颗粒物(PM2.5)年均浓度","PM2.5 annual mean concentration","environment","微克/立方米","lower","细颗粒物年平均浓度","","",PP,"qh-eco",0,0,500,ENV),
 ("pm10","可吸入颗粒物(PM10)年均浓度","PM10 annual mean concentration","environment","微克/立方米","lower","可吸入颗粒物年平均浓度","","",PP,"qh-eco",0,0,1000,ENV),
 ("surface_water_good_share","地表水国考断面达到或好于Ⅲ类比例","Share of national surface-water sections of Grade I-III","environment","%","higher","国家考核断面水质达到或好于Ⅲ类的比例","","",PP,"qh-eco",0,0,100,GDI),
 ("surface_water_worse_v_share","地表水劣Ⅴ类断面比例","Share of surface-water sections worse than Grade V","environment","%","lower","水质劣于Ⅴ类的国家考核断面比例","","",PP,"qh-eco",0,0,100,GDI),
 ("yellow_river_outflow_class","黄河出省断面水质类别","Water quality class of the Yellow River leaving the province","environment","","neutral","黄河干流出省断面水质类别(GB 3838 Ⅰ-劣Ⅴ类)","","",P,"qh-eco",1,"","",ENV),
 ("water_function_zone_compliance","重要江河湖泊水功能区水质达标率","Water-function zone compliance, key rivers and lakes","environment","%","higher","重要江河湖泊水功能区水质达标的比例","","",P,"qh-water",0,0,100,GDI),
 ("polluted_farmland_safe_use","受污染耕地安全利用率","Safe utilization rate of polluted farmland","environment","%","higher","受污染耕地安全利用面积占受污染耕地面积的比重","","",P,"qh-agri",0,0,100,GDI),
 ("eqi","生态质量指数(EQI)","Ecological quality index (EQI)","ecology","dimensionless","higher","HJ 1172-2021 生态质量指数","","",PP,"qh-eco",0,0,100,ENV),
 ("forest_coverage","森林覆盖率","Forest coverage","ecology","%","higher","森林面积占土地总面积的比重","","",PP,"qh-forestry",0,0,100,FOR),
 ("forest_stock","森林蓄积量","Forest stock volume","ecology","万立方米","higher","森林中林木材积总量","","",PP,"qh-forestry",0,0,"",FOR),
 ("grassland_vegetation_cover","草原综合植被盖度","Grassland comprehensive vegetation cover","ecology","%","higher","草原植被垂直投影面积占草原面积的百分比","","",PP,"qh-forestry",0,0,100,FOR),
 ("wetland_protection_rate","湿地保护率","Wetland protection rate","ecology","%","higher","受保护湿地面积占湿地总面积的比重","","",P,"qh-forestry",0,0,100,FOR),
 ("wetland_area","湿地面积","Wetland area","ecology","万公顷","higher","湿地面积","","",P,"qh-forestry",0,0,"",FOR),
 ("protected_area_share","自然保护地面积占国土面积比重","Protected areas share of land area","ecology","%","higher","各类自然保护地面积占国土面积的比重","","",P,"qh-forestry",0,0,100,FOR),
 ("builtup_green_coverage","建成区绿化覆盖率","Green coverage of built-up areas","living","%","higher","城市建成区绿化覆盖面积占建成区面积的比重","","",PP,"qh-housing",0,0,100,GDI),
 ("green_building_share","城镇新建建筑中绿色建筑面积占比","Green buildings share of new urban buildings","living","%","higher","当年城镇新建绿色建筑面积占新建建筑面积比重","","",PP,"qh-housing",0,0,100,HOUSE),
 ("prefab_building_share","装配式建筑占新建建筑比重","Prefabricated buildings share of new buildings","living","%","higher","当年装配式建筑面积占新建建筑面积比重","","",PP,"qh-housing",0,0,100,HOUSE),
 ("nev_stock","新能源汽车保有量","New-energy vehicles in use","transport","辆","higher","年末登记的新能源汽车数量","","",PP,"qh-transport",0,0,"",GDI),
 ("nev_share_new","新能源汽车占新增车辆比重","New-energy share of newly registered vehicles","transport","%","higher","当年新注册登记车辆中新能源汽车的比重","","",PP,"qh-transport",0,0,100,CARB),
 ("civil_vehicles","民用汽车拥有量","Civil vehicles owned","transport","辆","neutral","年末民用汽车拥有量","","",PP,"qh-transport",0,0,"",NBS),
 ("rail_freight_share","铁路货运量占比","Rail share of freight volume","transport","%","higher","铁路货运量占全社会货运量的比重(运输结构)","","",P,"qh-transport",0,0,100,OPN),
 ("green_loans","绿色贷款余额","Green loans outstanding","finance","亿元","higher","金融机构本外币绿色贷款余额","","",P,"qh-pboc",0,0,"",PBOC),
 ("green_loans_share","绿色贷款占各项贷款比重","Green loans share of all loans","finance","%","higher","绿色贷款余额占各项贷款余额的比重","green_loans / loans × 100","",P,"qh-pboc",0,0,100,PBOC),
 ("green_factories_new","新创建省级以上绿色工厂数","New provincial-or-higher green factories","structure","家","higher","当年新认定的省级及以上绿色工厂数量","","",P,"qh-iit",0,0,"",OPN),
 ("eco_satisfaction","公众生态环境满意程度","Public satisfaction with the ecological environment","living","%","higher","抽样调查的公众对生态环境质量满意的比例","","",P,"qh-stats",0,0,100,GDI),
]
with open("indicators.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["code","name_zh","name_en","category","unit","direction","definition","formula","parts","frequency","levels","department","categorical","min_value","max_value","order","source"])
    for i, r in enumerate(ROWS, 1):
        code, zh, en, cat, unit, d, defi, form, parts, lv, dept, catg, lo, hi, src = r
        w.writerow([code, zh, en, cat, unit, d, defi, form, parts, "year", lv, dept, catg, lo, hi, i, src])
print(len(ROWS))
