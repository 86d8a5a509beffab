"""Done means: a circular-park evaluation ranks at least three parks with each indicator's
contribution; the demonstration values are marked as such."""

from __future__ import annotations

from typing import Any


def test_parks_ranked_with_contributions(client_for: Any, db: Any) -> None:
    data = client_for(None).get("/api/registry/parks/evaluation").json()
    ranking = data["ranking"]
    assert len(ranking) >= 3 and data["is_demonstration"] is True
    codes = {item["code"] for item in data["indicators"]}
    assert {
        "resource_output_rate",
        "energy_per_value_added",
        "water_per_value_added",
        "solid_waste_utilization",
        "water_recycling_rate",
    } == codes
    scores = [row["score"] for row in ranking]
    assert scores == sorted(scores, reverse=True)
    for row in ranking:
        assert set(row["contributions"]) == codes
        assert abs(row["score"] - sum(row["contributions"].values())) < 1e-3
    # The park with the lowest energy per value added gets that indicator's full weight.
    lowest = min(ranking, key=lambda row: row["values"]["energy_per_value_added"])
    assert lowest["contributions"]["energy_per_value_added"] == 1.0
    page = client_for(None).get("/registry/parks/").content.decode()
    assert "demo-banner" in page and ranking[0]["name"] in page


def test_park_chart_and_reports(client_for: Any, db: Any) -> None:
    anonymous = client_for(None)
    chart = anonymous.get("/registry/parks/chart.png")
    assert chart.status_code == 200 and chart.content.startswith(b"\x89PNG")
    pdf = anonymous.get("/registry/parks/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = anonymous.get("/registry/parks/report.docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    import shutil
    import subprocess

    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
        ).stdout.decode()
        top = anonymous.get("/api/registry/parks/evaluation").json()["ranking"][0]
        assert f"{top['score']:.3f}" in text and "园区循环化改造评价" in text
    assert anonymous.get("/registry/parks/report.txt").status_code == 404
