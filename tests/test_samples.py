"""The sample orgs in sample_orgs/: they load, round-trip byte for byte, and show exactly
the findings their comment headers promise.

The expected findings below were worked out from each sample's design (see the header
of each file), not copied from the validator's output.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from orgtui.core.domain.validator import Severity, Validator
from orgtui.core.storage.orgfile import dumps_org, load_org

SAMPLES = Path(__file__).resolve().parents[1] / "sample_orgs"

# single-point-of-failure (info): before-reorg's 17 are worked out below; the others' were
# counted once by the validator and checked for plausibility (startup: one holder per
# position and no shared duty, so all 51 duties rest on one person each).
EXPECTED_COUNTS: dict[str, dict[str, int]] = {
    "startup.toml": {"single-point-of-failure": 51},
    "online-retailer.toml": {
        "unowned-duty": 1,  # customer_service_manager.customer_input
        "split-duty": 1,  # pricing: Head of E-Commerce and Head of Category Management
        "vacant-duty": 1,  # technical integration: Marketplace Integration Engineer not hired yet
        "idle-position": 4,  # office manager, junior buyer, photographer, working student
        "single-point-of-failure": 21,
    },
    "retailer-300.toml": {
        "split-duty": 1,  # category execution: the three Senior Category Managers
        "overloaded-person": 1,  # the Head of Data & Analytics, also acting lead of Data Engineering
        "idle-position": 28,  # delivery teams below the leads
        # team leads of large pools (first-level service: 110 agents) and leads with
        # developer teams: a span counts people, and these teams are not yet split
        "wide-manager-span": 8,
        "single-point-of-failure": 43,  # the Lead UX Designer alone: the customer behaviour and shop functions duties too
    },
    "before-reorg.toml": {
        "unowned-duty": 19,  # the seven UX duties among them: nobody there does UX
        "split-duty": 4,
        "vacant-duty": 3,
        "overloaded-person": 1,
        "wide-manager-span": 1,  # with reporting lines the sales head's span counts, not the department's
        "idle-position": 3,
        "empty-department": 1,
        "single-point-of-failure": 17,
    },
    "hostile-names.toml": {
        "split-duty": 1,
        "vacant-duty": 1,
        "overloaded-person": 1,
        "wide-span": 1,
        "idle-position": 2,
        "empty-department": 1,
        "single-point-of-failure": 28,
    },
}

# before-reorg: every finding, in the validator's order (errors first, then by code, duties
# in catalog order, other subjects by message).
BEFORE_REORG = [
    ("unowned-duty", "ecommerce_manager.cross_team_link"),
    ("unowned-duty", "ecommerce_manager.feature_testing"),
    ("unowned-duty", "marketplace_manager.content_coordination"),
    ("unowned-duty", "marketplace_manager.visual_branding"),
    ("unowned-duty", "category_manager.mix_alignment"),
    ("unowned-duty", "category_manager.optimisation_measures"),
    ("unowned-duty", "customer_service_manager.service_optimisation"),
    ("unowned-duty", "customer_service_manager.customer_input"),
    ("unowned-duty", "content_campaign_strategist.campaign_testing"),
    ("unowned-duty", "content_campaign_strategist.omnichannel_messaging"),
    ("unowned-duty", "ux_designer.customer_behaviour"),
    ("unowned-duty", "ux_designer.shop_functions"),
    ("unowned-duty", "ux_designer.user_experience"),
    ("unowned-duty", "ux_designer.mockups"),
    ("unowned-duty", "ux_designer.usability_test_execution"),
    ("unowned-duty", "ux_designer.usability_test_evaluation"),
    ("unowned-duty", "ux_designer.user_journey"),
    ("unowned-duty", "data_evangelist.data_investigation"),
    ("unowned-duty", "data_evangelist.measures"),
    ("split-duty", "ecommerce_manager.product_presentation"),  # webshop vs. marketing
    ("split-duty", "ecommerce_manager.pricing"),  # sales vs. purchasing
    ("split-duty", "category_manager.supplier_negotiations"),  # the owner vs. head of purchasing
    ("split-duty", "customer_service_manager.complaints"),  # sales back office vs. customer service
    ("vacant-duty", "marketplace_manager.marketplace_selection"),
    ("vacant-duty", "marketplace_manager.sales_optimisation"),
    ("vacant-duty", "marketplace_manager.business_setup"),
    ("overloaded-person", "tobias.wendt"),
    ("wide-manager-span", "vertriebsleiter"),  # 10 people in 6 positions report to the sales head (span 5)
    # idle positions sort by message: "Position Kundenservice-…", "Position Systemadministrator…",
    # then "Position eBay-…" (lower case sorts after upper case)
    ("idle-position", "service_mitarbeiter"),
    ("idle-position", "sysadmin"),
    ("idle-position", "ebay_shop"),
    ("empty-department", "digital_lab"),
]

# before-reorg: the duties one person alone does (every owner position held by them alone);
# split duties whose owners are held by different people are not among them.
BEFORE_REORG_SINGLE_POINTS = {
    "ecommerce_manager.overall_presence": "ralf.becker",
    "ecommerce_manager.shop_buildup": "tobias.wendt",
    "ecommerce_manager.shop_maintenance": "tobias.wendt",
    "ecommerce_manager.assortment_selection": "ralf.becker",
    "marketplace_manager.technical_integration": "tobias.wendt",
    "marketplace_manager.account_maintenance": "tobias.wendt",
    "category_manager.category_planning": "monika.scholz",
    "category_manager.category_organisation": "monika.scholz",
    "customer_service_manager.after_sales": "ute.lindner",
    "content_campaign_strategist.content_creation": "volker.engel",
    "content_campaign_strategist.campaign_implementation": "volker.engel",
    "content_campaign_strategist.campaign_rollout": "volker.engel",
    "content_campaign_strategist.campaign_analysis": "volker.engel",
    "content_campaign_strategist.seo": "leonie.hartwig",
    "content_campaign_strategist.sem": "leonie.hartwig",
    "data_evangelist.analyses": "jurgen.falk",
    "data_evangelist.data_structure": "jurgen.falk",
}

BEFORE_REORG_RELATED = {
    "ecommerce_manager.product_presentation": ("marketingleitung", "webshop"),
    "ecommerce_manager.pricing": ("einkaufsleitung", "vertriebsleiter"),
    "category_manager.supplier_negotiations": ("einkaufsleitung", "geschaeftsfuehrer"),
    "customer_service_manager.complaints": ("innendienst", "serviceleitung"),
    "tobias.wendt": ("amazon_interim", "webshop"),
}

HOSTILE = [
    ("split-duty", "data_evangelist.data_structure"),
    ("vacant-duty", "ux_designer.user_journey"),
    ("overloaded-person", "eve"),
    ("wide-span", "sales"),
    ("idle-position", "sales_idle"),
    ("idle-position", "vacant_only"),
    ("empty-department", "void"),
]


def _validator(name: str) -> Validator:
    return Validator(load_org(SAMPLES / name).org)


def test_every_sample_is_pinned() -> None:
    assert sorted(p.name for p in SAMPLES.glob("*.toml")) == sorted(EXPECTED_COUNTS)


@pytest.mark.parametrize("name", sorted(EXPECTED_COUNTS))
def test_sample_round_trips_byte_identically(name: str) -> None:
    path = SAMPLES / name
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# "), "each sample starts with a comment header telling its story"
    loaded = load_org(path)
    assert loaded.org.preamble and all(line.startswith("#") or not line for line in loaded.org.preamble.splitlines())
    assert dumps_org(loaded.org) == text


@pytest.mark.parametrize("name", sorted(EXPECTED_COUNTS))
def test_sample_findings_counts(name: str) -> None:
    validator = _validator(name)
    counts = Counter(f.code for f in validator.findings())
    assert dict(counts) == EXPECTED_COUNTS[name]
    for code, n in EXPECTED_COUNTS[name].items():
        assert validator.count(code) == n


def test_startup_has_no_errors_or_warnings_and_owns_every_duty() -> None:
    validator = _validator("startup.toml")
    assert validator.count_severity(Severity.ERROR) == 0
    assert validator.count_severity(Severity.WARNING) == 0
    org = validator.org
    assert len(org.people) == 5
    for duty in org.catalog.duties:
        assert len(org.owners(duty)) == 1, duty
    # people wear several hats, within their capacity
    assert all(len(org.positions_of(p)) >= 2 for p in org.people)
    assert all(org.load_of(p) <= org.people[p].capacity for p in org.people)
    assert any(pos.fte < 1 for pos in org.positions.values())


def test_online_retailer_shape() -> None:
    org = _validator("online-retailer.toml").org
    assert 35 <= len(org.people) <= 45
    names = {d.name for d in org.departments.values()}
    assert {"Shop", "Marketplaces", "Category & Purchasing", "Customer Service", "Marketing & Content"} <= names
    unowned = [f.subject for f in _validator("online-retailer.toml").findings() if f.code == "unowned-duty"]
    assert unowned == ["customer_service_manager.customer_input"]


def test_retailer_300_is_big_and_nested() -> None:
    validator = _validator("retailer-300.toml")
    org = validator.org
    assert len(org.people) >= 300
    assert any(org.ancestors(d) and len(org.ancestors(d)) >= 2 for d in org.departments)  # sub-sub-departments
    assert max(len(p.holders) for p in org.positions.values()) >= 50  # a large agent pool in one position
    assert validator.count_severity(Severity.ERROR) == 0
    assert all(org.owners(duty) for duty in org.catalog.duties)
    overloaded = [f for f in validator.findings() if f.code == "overloaded-person"]
    assert [f.related for f in overloaded] == [("data_eng_lead", "head_data")]
    split = [f for f in validator.findings() if f.code == "split-duty"]
    assert [(f.subject, f.related) for f in split] == [
        ("category_manager.category_execution", ("senior_cm_kitchen", "senior_cm_living", "senior_cm_textiles"))
    ]


def test_before_reorg_findings_exactly() -> None:
    validator = _validator("before-reorg.toml")
    findings = [f for f in validator.findings() if f.code != "single-point-of-failure"]
    assert [(f.code, f.subject) for f in findings] == BEFORE_REORG
    single = {f.subject: f.related[0] for f in validator.findings() if f.code == "single-point-of-failure"}
    assert single == BEFORE_REORG_SINGLE_POINTS
    related = {f.subject: f.related for f in findings if f.related and f.code in ("split-duty", "overloaded-person")}
    assert related == BEFORE_REORG_RELATED
    org = validator.org
    assert org.info.span_of_control == 5
    assert len(org.positions_in("vertrieb")) == 7
    assert org.load_of("tobias.wendt") == 1.5
    assert 20 <= len(org.people) <= 30


def test_hostile_names_findings_exactly() -> None:
    validator = _validator("hostile-names.toml")
    found = [(f.code, f.subject) for f in validator.findings() if f.code != "single-point-of-failure"]
    assert found == HOSTILE


def test_hostile_names_carry_what_they_promise() -> None:
    org = load_org(SAMPLES / "hostile-names.toml").org
    names = [org.info.name]
    names += [d.name for d in org.departments.values()]
    names += [p.name for p in org.people.values()]
    names += [p.title for p in org.positions.values()]
    text = "".join(names)
    for needle in ("[bold red]Eve[/]", "Bob [/]", "[@click=app.quit]Sales", "\x1b[2J", "\x1b]0;pwned\x07",
                   "\x9b", "\u202e", "\u200d", "\u0308", "\n", "\t", '"', "\\"):
        assert needle in text, repr(needle)
    assert max(len(n) for n in names) >= 180
    # the messages the app shows carry the hostile names through unchanged
    messages = "".join(f.message for f in Validator(org).findings())
    assert "[bold red]Eve[/]" in messages and "[@click=app.quit]Sales" in messages
