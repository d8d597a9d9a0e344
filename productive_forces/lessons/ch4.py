"""Chapter 4 (the industrial revolutions): China's innovation indicators, long-run growth, the chronology, high-speed rail."""

from ..data import load_maddison
from ..data.revolutions import COUNTRY_NAMES, load_revolutions
from ..i18n import _
from ..models.diffusion import takeover_time, year_reaching
from ..models.longrun import average_growth, first_year_ahead
from ..widgets.base import TEXT_POINTS
from . import N_
from .figures import CaptionedFigure, new_figure
from .tables import bold, data_name, html_table, listing

NOT_CONFIRMED = N_("not confirmed")
CONFIRMED = N_("confirmed (secondary reports)")
NOT_CHECKED = N_("not checked")
# The article's six figures on China (section IV), what the course's sources say, and the verdict.
ARTICLE_CLAIMS = [
    [N_("10th in the National Innovation Index, 2023"), N_("10th of 40 economies in the 2022–2023 report"), CONFIRMED],
    [N_("30th in the same index, 2010"), N_("the sources give 38th (2000) and 20th (2011), none a rank for 2010"),
     NOT_CONFIRMED],
    [N_("the world's most R&D personnel, for years"), N_("first every year since 2013"), CONFIRMED],
    [N_("the world's most patent filings, for years"),
     N_("about 1.68 million of the 3.55 million applications filed worldwide in 2023 went to China's office"), CONFIRMED],
    [N_("the world's most papers in SCI-indexed journals, for years"), N_("no figure checked for this book"),
     NOT_CHECKED],
    [N_("among the leaders in new-energy industries"), N_("no figure checked for this book"), NOT_CHECKED],
]  # fmt: skip
# Figures from the course's research notes (facts.md, sections 3.1-3.5), with their sources and status.
INDICATORS = [
    [N_("National Innovation Index rank (CASTED)"), N_("10th of 40 economies (2022–2023 report, Nov 2023)"),
     N_("Xinhua / CGTN"), N_("secondary")],
    [N_("… earlier ranks in the same index"), N_("38th in 2000; 20th in 2011"),
     N_("Xinhua / CGTN"), N_("secondary")],
    [N_("… the article's “30th in 2010”"), N_("no source found"), "—", NOT_CONFIRMED],
    [N_("Global Innovation Index rank (WIPO)"), N_("29th (2011) → 11th (2024)"),
     N_("news and law-firm summaries of the WIPO reports"), N_("secondary; methods change between editions")],
    [N_("R&D spending, % of GDP"), N_("0.56 (1996), 1.71 (2010), 2.43 (2021)"),
     N_("Our World in Data, from UNESCO Institute for Statistics"), N_("verified")],
    [N_("R&D spending, % of GDP, 2023"), N_("2.65 (OECD average: 2.73)"),
     N_("NBS/MOST/MOF statistical bulletin, Oct 2024 (OECD figure: China News Service)"),
     N_("verified (OECD: secondary)")],
    [N_("R&D personnel, full-time equivalent"), N_("6.354 million person-years (2022), the world's largest"),
     N_("Ministry of Science and Technology, via Xinhua"), N_("secondary")],
    [N_("R&D personnel, 2023"), N_("7.24 million; first in the world for an 11th year (ahead of the US since 2013)"),
     N_("NBS report series, Sep 2024, via window-to-china.de"),
     N_("secondary; check the definition before comparing with 2022")],
    [N_("Invention patent applications received by China's patent office"), N_("51,747 (2000) → 391,177 (2010)"),
     N_("China Statistical Yearbook 2011, table 20-57"), N_("verified")],
    [N_("Patent applications filed worldwide in 2023, and at China's office"),
     N_("3.55 million, of which about 1.68 million"),
     N_("WIPO, World Intellectual Property Indicators 2024 (summary)"), N_("secondary")],
    [N_("International (PCT) patent applications, 2023"), N_("largest source: 69,610"),
     N_("WIPO, via People's Daily"), N_("secondary")],
    [N_("Papers in SCI-indexed journals"), N_("no figure checked for this book"), "—", N_("not checked")],
    [N_("New-energy industries"), N_("no figure checked for this book"), "—", N_("not checked")],
]  # fmt: skip

# Gross expenditure on R&D as % of GDP: Our World in Data (UNESCO Institute for Statistics), 1996-2021,
# verified from the data file; 2023 from the NBS/MOST/MOF bulletin of October 2024 (a different source).
RD_YEARS = list(range(1996, 2022))
RD_SHARE = [0.563, 0.639, 0.647, 0.750, 0.893, 0.940, 1.058, 1.120, 1.215, 1.308, 1.369, 1.374, 1.446,
            1.665, 1.714, 1.780, 1.912, 1.998, 2.022, 2.057, 2.100, 2.116, 2.141, 2.245, 2.407, 2.433]  # fmt: skip
RD_YEAR_LATEST, RD_SHARE_LATEST = 2023, 2.65

# High-speed lines in service in China, km (end of year unless stated): (when, figure, source, status).
# Sources in book/references.bib (ch4-*) and productive_forces/data/SOURCES.md; dates ISO, so that
# they read the same in both languages.
HSR_NETWORK = [
    ["2008", N_("113 (the first line, Beijing–Tianjin)"), N_("World Bank, feature story, 2019-03-14"),
     N_("verified")],
    ["2012", N_("about 9,300"),
     N_("derived from China State Railway Group: over 46,000 in Sep 2024, 392.2% more than at the end of 2012 "
        "(People's Daily, 2024-09-15)"), N_("secondary; derived")],
    ["2015", "19,800", N_("China State Railway Group, via Xinhua, 2021-01-04"), N_("secondary")],
    ["2016", "22,000", N_("China Railway Corporation, via People's Daily, 2017-02-27"), N_("secondary")],
    ["2018", N_("over 29,000"), N_("World Bank, feature story, 2019-03-14"), N_("verified")],
    ["2020", "37,900", N_("China State Railway Group, via Xinhua, 2021-01-04"), N_("secondary")],
    [N_("September 2022"), N_("over 41,000 (70% of the world's)"), N_("China State Railway Group, 2022-10-21"),
     N_("verified")],
    ["2023", "45,000", N_("National Railway Administration, via Xinhua, 2024-01-10"), N_("secondary")],
]  # fmt: skip
# The two year-end figures the growth line compares (kilometres), from the table above.
HSR_FROM, HSR_TO = (2015, 19_800), (2023, 45_000)
# China's milestones in the chronology and where each comes from (SOURCES.md gives the addresses).
MILESTONE_SOURCES = {
    2008: (N_("Xinhua, 2008-08-01 (on china.org.cn)"), N_("verified")),
    2010: (N_("Xinhua via People's Daily Online, 2010-11-17; China Daily, 2010-11-15"), N_("secondary")),
    2016: (N_("TOP500, list of 2016-06"), N_("verified")),
    2017: (N_("Xinhua, 2017-06-27; China State Railway Group, 2022-10-21"), N_("verified")),
    2019: (N_("China Daily, 2019-06-07"), N_("secondary")),
    2020: (N_("CGTN, 2020-07-31"), N_("secondary")),
    2021: (N_("Xinhua, 2021-01-30; Nuclear Engineering International, citing CNNC"), N_("secondary")),
}

# The economies of the long-run tables, with the short names the chapter uses.
ECONOMIES = {
    "GBR": N_("Britain"),
    "USA": N_("United States"),
    "CHN": N_("China"),
    "DEU": N_("Germany"),
    "JPN": N_("Japan"),
}
BENCHMARKS = (1700, 1820, 1870, 1913, 1950, 2022)
ERAS = ((1820, 1870), (1870, 1913), (1913, 1950), (1950, 2022))

# The revolutions counted in the chronology: the label shown, and the chronology's names it covers
# (an event filed under both the 3rd and the 4th counts with the 3rd).
REVOLUTION_GROUPS = {
    N_("1st"): ("1st",),
    N_("2nd"): ("2nd",),
    N_("3rd"): ("3rd", "3rd/4th"),
    N_("4th"): ("4th",),
}
# The illustrative logistic diffusion curve of the chapter.
MIDPOINT, SPEED = 1925, 0.15
ADOPTION_SHARES = (0.1, 0.5, 0.9)


def indicators_table():
    """China's innovation indicators, with the source and the status of each figure."""
    rows = [
        [_(cell) for cell in row[:3]] + [bold(_(row[3])) if row[3] == NOT_CONFIRMED else _(row[3])]
        for row in INDICATORS
    ]
    return html_table(
        _("China's innovation indicators: what the course's research notes confirm"),
        [_("Indicator"), _("Figure"), _("Source"), _("Status")],
        rows,
        numbers=False,
    )


def claims_tally():
    """How many of the article's figures on China are confirmed, not confirmed and not checked."""
    statuses = [status for _claim, _found, status in ARTICLE_CLAIMS]
    return {status: statuses.count(status) for status in (CONFIRMED, NOT_CONFIRMED, NOT_CHECKED)}


def article_claims_table():
    """The article's six figures on China beside what the sources say; the caption gives the tally."""
    tally = claims_tally()
    caption = _(
        "The article's {total} figures on China: {confirmed} confirmed, {unconfirmed} not confirmed, "
        "{unchecked} not checked"
    ).format(
        total=len(ARTICLE_CLAIMS), confirmed=tally[CONFIRMED], unconfirmed=tally[NOT_CONFIRMED],
        unchecked=tally[NOT_CHECKED],
    )
    rows = [[_(claim), _(found), bold(_(status)) if status == NOT_CONFIRMED else _(status)]
            for claim, found, status in ARTICLE_CLAIMS]
    return html_table(caption, [_("The article says"), _("What the sources say"), _("Status")], rows, numbers=False)


def rd_spending_figure():
    """China's R&D spending as a share of GDP, 1996-2021 and 2023, with its alt text and caption."""
    figure = new_figure(height=3.6)
    axes = figure.subplots()
    axes.plot(RD_YEARS, RD_SHARE, marker="o", markersize=3, label=_("Our World in Data (UNESCO)"))
    axes.plot([RD_YEAR_LATEST], [RD_SHARE_LATEST], marker="D", linestyle="none", color="#dd8452",
              label=_("NBS bulletin, 2023"))
    axes.set_ylabel(_("R&D spending, % of GDP"), fontsize=TEXT_POINTS)
    axes.set_ylim(0, 3)
    axes.set_xlim(RD_YEARS[0] - 1, RD_YEAR_LATEST + 1)
    axes.tick_params(labelsize=TEXT_POINTS)
    axes.legend(loc="lower right", fontsize=TEXT_POINTS)
    numbers = {
        "first": RD_YEARS[0], "start": RD_SHARE[0], "last": RD_YEARS[-1], "end": RD_SHARE[-1],
        "year": RD_YEAR_LATEST, "latest": RD_SHARE_LATEST,
    }
    alt = _(
        "Line chart of China's spending on research and development as a share of GDP. It rises every "
        "year, from {start:.2f}% in {first} to {end:.2f}% in {last} (Our World in Data, from the UNESCO "
        "Institute for Statistics). A separate point from the official statistical bulletin puts {year} "
        "at {latest:.2f}%."
    ).format(**numbers)
    caption = _(
        "China's gross spending on research and development, % of GDP. {first}–{last}: Our World in Data, "
        "from the UNESCO Institute for Statistics (checked in the data file). {year}: 2023 National "
        "Statistical Bulletin on Investment in Science and Technology, NBS, MOST and MOF, 2 October 2024 "
        "(checked in the bulletin). The two come from different sources, and {gap} is not shown."
    ).format(gap=RD_YEARS[-1] + 1, **numbers)
    return CaptionedFigure(figure, alt=alt, caption=caption)


def levels_table():
    """GDP per capita of five economies in benchmark years (Maddison)."""
    rows = []
    for code, name in ECONOMIES.items():
        years, gdppc = load_maddison(code)
        observed = dict(zip(years.tolist(), gdppc.tolist()))
        rows.append([_(name)] + [f"{observed[year]:,.0f}" if year in observed else _("not observed") for year in BENCHMARKS])
    return html_table(
        _("GDP per capita, 2011 international dollars (Maddison Project Database 2023, via Our World in Data)"),
        [_("Economy")] + [str(year) for year in BENCHMARKS],
        rows,
    )


def growth_table():
    """Compound average growth of GDP per capita of five economies over four eras (Maddison)."""
    rows = []
    for code, name in ECONOMIES.items():
        years, gdppc = load_maddison(code)
        rows.append([_(name)] + [f"{100 * average_growth(years, gdppc, start, end):.2f}" for start, end in ERAS])
    return html_table(
        _("Compound average growth of GDP per capita, % a year (Maddison Project Database 2023)"),
        [_("Economy")] + [f"{start}–{end}" for start, end in ERAS],
        rows,
    )


def overtaking_line():
    """The first common year of the Maddison data in which the United States is ahead of Britain."""
    year = first_year_ahead(*load_maddison("USA"), *load_maddison("GBR"))
    return _("First year observed for both in which the US is ahead of Britain: {year}").format(year=year)


def event_counts_table():
    """Events in the chronology by revolution and country (an event shared by two countries counts for each)."""
    events = load_revolutions()
    rows = []
    for label, names in REVOLUTION_GROUPS.items():
        chosen = [event for event in events if event.revolution.removesuffix(" (precursor)") in names]
        by_country = {}
        for event in chosen:
            for country in event.countries:
                by_country[country] = by_country.get(country, 0) + 1
        shares = listing(
            _("{country} {count}").format(country=data_name(COUNTRY_NAMES[country]), count=count)
            for country, count in sorted(by_country.items(), key=lambda item: -item[1])
        )
        rows.append([_(label), str(len(chosen)), shares])
    return html_table(
        _("Events in the course's chronology, by revolution (the iPhone, filed under both the 3rd and 4th, counts with the 3rd)"),
        [_("Revolution"), _("Events"), _("Countries involved")],
        rows,
        numbers=False,
    )


def logistic_example():
    """When the illustrative diffusion curve reaches 10%, 50% and 90% adoption, and how long that takes."""
    lines = [
        _("{share:.0%} adoption in {year:.1f}").format(share=share, year=float(year_reaching(share, MIDPOINT, SPEED)))
        for share in ADOPTION_SHARES
    ]
    lines.append(_("From 10% to 90%: {years:.1f} years").format(years=float(takeover_time(SPEED))))
    return "\n".join(lines)


def china_milestones_table():
    """China's milestones in the chronology, with the source and status of each."""
    rows = []
    for event in load_revolutions():
        if event.involves("CN"):
            source, status = MILESTONE_SOURCES[event.year]
            rows.append([str(event.year), event.label(), _(source), _(status)])
    return html_table(
        _("China's milestones in the chronology, with their sources"),
        [_("Year"), _("Milestone"), _("Source"), _("Status")],
        rows,
        numbers=False,
    )


def hsr_network_table():
    """Length of China's high-speed railway lines in service, 2008-2023, each figure with its source."""
    return html_table(
        _("China: high-speed railway lines in service, km (end of year unless stated)"),
        [_("When"), _("Length, km"), _("Source"), _("Status")],
        [[_(cell) for cell in row] for row in HSR_NETWORK],
        numbers=False,
    )


def hsr_growth_line():
    """How much the network grew between two year-end figures of the table: the ratio and km a year."""
    (start, start_km), (end, end_km) = HSR_FROM, HSR_TO
    return _("From the end of {start} to the end of {end} the network grew {ratio:.1f}-fold, by about {per_year:,.0f} km a year").format(
        start=start, end=end, ratio=end_km / start_km, per_year=(end_km - start_km) / (end - start)
    )
