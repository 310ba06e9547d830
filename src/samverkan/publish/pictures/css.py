"""Stylesheet fragments for the pictures and for printing a record page.

The site adds them to extra_css (as generated files or copied text); no script is needed.
"""

# Tables and charts on screen. Tables keep Material's own styling (they carry no class).
PICTURES_CSS = """\
.sv-visually-hidden {
  position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0;
}
.sv-chart { display: block; max-width: 100%; height: auto; }
.sv-chart a:focus { outline: none; }
.sv-chart a:focus-visible rect, .sv-chart a:hover rect { stroke: #000; stroke-width: 3; }
.sv-chart text { font-family: inherit; }
/* The site underlines links in text; in a chart the bars and tiles are the links. */
.md-typeset .sv-chart a, .md-typeset .sv-chart a:not(.md-content__button):not(.headerlink) { text-decoration: none; }
.sv-coverage td.sv-none { color: var(--md-default-fg-color--light, #595959); }
.sv-principles td.sv-yes, .sv-coverage td.sv-yes { font-weight: 700; }
.sv-principles .sv-meta { font-weight: 400; }
/* Seven columns fit the content column: the principles stand on end over narrow columns,
   so the agreements' titles get the width (on a narrow screen Material's wrapper scrolls it). */
.md-typeset .sv-principles table:not([class]) { display: table; width: 100%; }
.md-typeset .sv-principles table:not([class]) th, .md-typeset .sv-principles table:not([class]) td {
  padding: 0.6em 0.5em;
}
.md-typeset .sv-principles table:not([class]) thead th:not(:first-child) {
  writing-mode: vertical-rl; transform: rotate(180deg); max-height: 11em; vertical-align: bottom;
  text-align: left; min-width: 0; width: 2.6em;
}
.md-typeset .sv-principles table:not([class]) thead th:first-child { vertical-align: bottom; }
.md-typeset .sv-principles table:not([class]) td { text-align: center; }
.md-typeset .sv-principles table:not([class]) tbody th { font-weight: 400; }
/* Shown on paper only (PRINT_CSS), e.g. the address of the printed page. */
.sv-print-only { display: none; }
"""

# A record page on paper: the content only, black on white, the address after each outside link.
PRINT_CSS = """\
@media print {
  .md-header, .md-tabs, .md-sidebar, .md-footer, .md-top, .md-banner, .md-dialog,
  .md-search, .md-source, .md-content__button, .md-skip, .md-announce,
  .md-typeset .headerlink, .pagefind-ui, .sv-no-print, .sv-crumbs { display: none !important; }
  .sv-print-only { display: block !important; }
  html, body, .md-container, .md-main, .md-content, .md-typeset { background: #fff !important; }
  body, .md-typeset, .md-typeset h1, .md-typeset h2, .md-typeset h3, .md-typeset h4,
  .md-typeset a, .md-typeset table, .md-typeset td, .md-typeset th { color: #000 !important; }
  .md-main__inner, .md-content, .md-content__inner { margin: 0 !important; max-width: none !important; }
  .md-typeset a { text-decoration: underline; }
  .md-typeset a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; word-break: break-all; }
  .md-typeset .sv-chart a::after { content: none; }
  .md-typeset table, .md-typeset tr, .md-typeset img, .md-typeset svg, .md-typeset figure { break-inside: avoid; }
  .md-typeset h1, .md-typeset h2, .md-typeset h3 { break-after: avoid; }
}
"""

EXTRA_CSS = PICTURES_CSS + PRINT_CSS
