"""Pictures built at site build time: inline SVG and HTML tables, no script in the browser.

Pure functions of a Catalog and URL callables; all text from records is escaped.
"""
from samverkan.publish.pictures.countymap import county_agreement_counts, county_map_svg
from samverkan.publish.pictures.tables import agreements_with_principles, coverage_table_html, principles_matrix_html
from samverkan.publish.pictures.years import year_chart_svg, year_chart_table, year_counts

__all__ = [
    "agreements_with_principles", "county_agreement_counts", "county_map_svg", "coverage_table_html",
    "principles_matrix_html", "year_chart_svg", "year_chart_table", "year_counts",
]
