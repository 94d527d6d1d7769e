"""Write the four bundled fictional case studies in data/examples/.

Run from the repository root::

    python data/make_cases.py            # rewrite data/examples/{shire,metro,coastal,quenmere}
    python data/make_cases.py --check    # exit 1 if the files on disk differ

The committed files are what ships; this script reproduces them byte for
byte (fixed seeds, sorted rows, no dates from the clock). Every person,
organisation and place is invented. The interview excerpts are written for
these cases; the network ties are drawn with a seeded random generator from
the design described in data/README.md. ``quenmere`` is surveyed twice
(waves w1 and w2): its ties carry a ``wave`` column and its
``responses.csv`` says who answered, did not answer or was not on the
roster in each wave.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from partnet.synth import CODEBOOK, FIRST_NAMES  # noqa: E402

#: Invented surnames for the bundled cases: none an ordinary English word,
#: none a part of another name, none a person named in the project's
#: source texts or a scholar whose name appears in partnet's methods text.
SURNAMES = tuple("""
Okonjo Adeyemi Balogun Okafor Nwachukwu Mensah Boateng Agyeman Quarshie Ogunleye Adebayo Oyelaran
Anyanwu Obiora Onyekachi Danquah Owusu Ampofo Sarpong Fosu Nkansah Pengelly Tregarthen Polglase
Trelawny Nancarrow Carlyon Chenoweth Jago Kitto Menhenick Penhaligon Tremayne Vosper Glasson Keast
Lanyon Pascoe Roskilly Spargo Trethewey Treloar Abernethy Drummond Farquharson Lamont Macaulay
MacLeod Urquhart Strachan Menzies Dalziel Auchterlonie Kinnaird Ogilvie Colquhoun Rattray Balfour
Gilchrist Munro Tulloch Moncrieff Cruickshank Haldane Imrie Laidlaw Pirie Carmichael Galbraith
Geddes Donoghue Kavanagh Mulcahy Scanlon Flanagan Geraghty Lonergan McGillycuddy Quinlivan Tierney
Whelan Kowalczyk Wisniewska Zielinski Nowakowska Wojcik Kaminska Dabrowska Pawlak Szymanski
Jankowska Krawczyk Grabowski Zajac Sikorski Bielecka Novotna Prochazka Kucera Horakova Lindqvist
Haraldsen Achterberg Vandermeer Bergstrom Halvorsen Sandvik Engstrom Nyberg Ekdahl Rasmussen
Kjellberg Verhoeven Brouwer Oosterhuis Kuipers Jansma Visscher Huisman Terpstra Wiersma Falkenrath
Eichhorn Brandauer Lindemann Ostermann Kessler Papadakis Kostopoulou Antoniou Christodoulou Georgiou
Stavrakis Mavridis Lekka Baldacchino Castellano Ferrante Lombardi Marchetti Santoro Vitale Bianchi
Esposito Carvalho Pereira Ferreira Magalhaes Figueiredo Azevedo Teixeira Cardoso Chaudhry
Bhattacharya Raghunathan Venkatesan Srinivasan Iyer Pillai Sandhu Dhaliwal Grewal Bains Sidhu Chohan
Qureshi Siddiqui Rahman Hussain Malik Bhatti Desai Kulkarni Parekh Thakkar Trivedi Vyas Nakamura
Takahashi Yamazaki Yilmaz Aydin Karaca Ozturk Celik Haddad Khoury Nassar Saleh Mansour Farouk
Okwuosa Oduya Nwosu Ekwueme Olatunji Bankole Akinola Trevaskis Penberthy Treharne Prydderch Gwilym
Rhydderch Szczepanska Wlodarczyk Lisowski Czarnecka Halvorsrud Skovgaard Bjornstad Mikkelsen
Thorsrud Zoetmulder Hoogendoorn Bakhuizen Sciberras Camilleri Zammit Grech Ratnayake Wickramasinghe
Gunawardena Vellacott Trounson Liddicoat
""".split())

#: More invented surnames, for the cases added after the first three (the
#: first three draw from SURNAMES alone, so their files stay as they were).
#: The same rules as SURNAMES.
SURNAMES_MORE = tuple("""
Asante Kyeremeh Fitzgibbon Monteiro Hosking Vlachou Pietrzak Rosewarne Dijkstra Randhawa Cullinane
Kobayashi Galea Farrugia Theodorou Pellegrini Akintola Adewale Chukwuma Ogundipe Appiah Polkinghorne
Pendarves Trewin Curnow Rowlandson Tonkin MacKinnon Mulholland Moriarty Dineen Hennessy Wrobel Kowalewska
Mazurek Jablonska Sobczak Aasheim Fjeldstad Nordahl Hoekstra Bosveld Papadopoulou Vlastos Azzopardi
Ricciardi Morandi Quaresma Rodrigues Chatterjee Banerjee Mukherjee Ahluwalia Kapoor Korkmaz Arslan Boutros
Shalaby Fujimoto Matsuda Pritchard Gruffydd Llewellyn Okeke Ezeani Amankwah Boakye Oppong Tregenza Rosevear
Lindgren Sorensen Haugland Vasquez Ostrowska Kowalski Czerwinska
""".split())

FREQ_P = {
    "within": (0.03, 0.12, 0.30, 0.40, 0.15),
    "between": (0.22, 0.38, 0.28, 0.11, 0.01),
    "hub": (0.02, 0.15, 0.40, 0.35, 0.08),
}

# --------------------------------------------------------------------------- case designs
# Organisations: (name, org_type, staff, code, people on the roster, cluster)
# Key people: (key, first, surname, org code, role, directorate, seniority,
#              responded, consent_named, popularity, activity)
# Segments: (speaker key, source, codes by coder A, codes by coder B or None, excerpt)

SHIRE = {
    "id": "shire",
    "seed": 2006,
    "yaml": """\
id: shire
title: Vellshire e-Government Partnership (fictional)
description: >-
  FICTIONAL case study, bundled with partnet as an example: every person,
  organisation and place is invented. A shire county partnership of ten
  councils (Vellshire County Council and its nine districts) with the county
  police and fire services, councillors and officers, run by a small
  partnership team. The network is centralised around that team and sparse
  between councils; few people come from citizen-facing directorates and some
  representatives are too junior to commit their council. The notes from a
  workshop on the network (notes.csv) are invented too.
relation: egov_contact
question: "Who do you deal with about e-government in the partnership, and how often?"
survey_date: 2006-11-14
fictional: true
nonrespondents: keep
min_frequency: 1
""",
    "orgs": [
        ("Vellshire County Council", "county council", 9800, "VCC", 18, None),
        ("Ashcombe District Council", "district council", 420, "ADC", 7, None),
        ("Brindlow District Council", "district council", 380, "BDC", 5, None),
        ("Carrowdale District Council", "district council", 510, "CDC", 6, None),
        ("Dunsby District Council", "district council", 230, "DDC", 4, None),
        ("Eskridge District Council", "district council", 460, "EDC", 6, None),
        ("Fenwold District Council", "district council", 340, "FDC", 5, None),
        ("Garthby District Council", "district council", 290, "GDC", 4, None),
        ("Hexmoor District Council", "district council", 620, "HDC", 7, None),
        ("Inglesham District Council", "district council", 310, "IDC", 5, None),
        ("Vellshire Constabulary", "police", 3400, "POL", 5, None),
        ("Vellshire Fire and Rescue Service", "fire", 870, "FRS", 4, None),
        ("Vellshire e-Government Partnership Team", "partnership team", 4, "VPT", 4, None),
    ],
    "key": [
        ("okonjo", "Adaeze", "Okonjo", "VPT", "partnership staff", "corporate", "senior", "yes", "yes", 40, 3.0),
        ("pengelly", "Lachlan", "Pengelly", "VPT", "partnership staff", "corporate", "middle", "yes", "yes", 14, 3.0),
        ("haraldsen", "Ottoline", "Haraldsen", "VPT", "partnership staff", "corporate", "middle", "yes", "no", 9, 2.5),
        ("drummond", "Kwame", "Drummond", "VPT", "partnership staff", "corporate", "junior", "yes", "yes", 7, 2.0),
        ("farquharson", "Benedikt", "Farquharson", "VCC", "officer", "ICT", "senior", "yes", "yes", 5, 1.5),
        ("achterberg", "Rosamund", "Achterberg", "VCC", "councillor", "none", "senior", "yes", "yes", 1, 0.8),
        ("castellano", "Priya", "Castellano", "VCC", "officer", "citizen-facing", "middle", "yes", "no", 1, 1.0),
        ("menzies", "Torquil", "Menzies", "VCC", "officer", "corporate", "middle", "yes", "yes", 1.5, 1.0),
        ("mensah", "Gethin", "Mensah", "ADC", "officer", "ICT", "middle", "yes", "yes", 1.5, 1.0),
        ("vosper", "Temitope", "Vosper", "FDC", "officer", "ICT", "junior", "yes", "no", 1, 1.0),
        ("lindqvist", "Sukhvinder", "Lindqvist", "HDC", "officer", "citizen-facing", "senior", "yes", "yes", 1.5, 1.2),
        ("quarshie", "Horatio", "Quarshie", "BDC", "councillor", "none", "senior", "yes", "yes", 0.8, 0.8),
        ("kinnaird", "Folasade", "Kinnaird", "DDC", "officer", "ICT", "middle", "yes", "yes", 1, 1.0),
        ("baldacchino", "Emrys", "Baldacchino", "CDC", "officer", "ICT", "junior", "yes", "no", 1, 1.0),
        ("tremayne", "Zofia", "Tremayne", "IDC", "officer", "corporate", "senior", "yes", "yes", 1, 1.0),
        ("okafor", "Declan", "Okafor", "GDC", "officer", "back-office", "middle", "yes", "yes", 1, 1.0),
        ("lamont", "Ifeoma", "Lamont", "EDC", "officer", "corporate", "senior", "yes", "no", 1, 1.0),
        ("szymanski", "Dietmar", "Szymanski", "POL", "officer", "ICT", "middle", "yes", "yes", 1, 1.0),
        ("oyelaran", "Catriona", "Oyelaran", "FRS", "officer", "citizen-facing", "middle", "no", "yes", 1, 1.0),
        ("esposito", "Rhodri", "Esposito", "HDC", "officer", "ICT", "junior", "yes", "yes", 1, 1.0),
    ],
    # notes from a workshop on the network (partnet import-notes): (kind, target, alter, note, date,
    # facilitator); a person by key, an organisation by name
    "notes": [
        ("person", "okonjo", None,
         "The room agreed that Adaeze is the person everyone rings first; when she is away, people wait for "
         "her rather than go to Lachlan Pengelly.", "2007-02-21 10:20", "workshop lead"),
        ("tie", "okafor", "menzies",
         "Monthly: Garthby deals with the county directly only about the shared network contract; "
         "everything else goes through the team.", "2007-02-21 10:35", "workshop lead"),
        ("organisation", "Ashcombe District Council", None,
         "Ashcombe works through the partnership team and hardly at all with the neighbouring districts; "
         "officers said the districts compete for the same funding.", "2007-02-21 10:50", "workshop lead"),
        ("organisation", "Vellshire Constabulary", None,
         "The police sit on the project board but send no one to the working groups, which is why their "
         "people sit at the edge of the picture.", "2007-02-21 11:05", "workshop lead"),
        ("network", None, None,
         "Why does the network look like this? The room's answer: the county funds the team, so every council "
         "goes to the team and not to each other. No voluntary organisation is on the roster at all.",
         "2007-02-21 11:20", "workshop lead"),
    ],
    # share of directorates and seniority among the other officers
    "directorates": {"ICT": 0.46, "back-office": 0.21, "corporate": 0.28, "citizen-facing": 0.05},
    "seniority": {"senior": 0.2, "middle": 0.45, "junior": 0.35},
    "councillor_per_council": 1,
    "response": 0.775,
    "consent": 0.7,
    "out_mean": 3.6,
    "hub_out_mean": 14.0,
    # affinity between organisations by kind: same org, county-district,
    # district-district, emergency services, the team
    "affinity": {"same": 1.0, "county-district": 0.05, "district-district": 0.018,
                 "emergency": 0.03, "team": 1.0},
    "segments": [
        ("okonjo", "interview 01", ["centralisation-team-drives"], ["centralisation-team-drives"],
         "When I came in there were ten councils with ten different ideas of what e-government meant. "
         "The team's job has been to turn that into projects people can actually deliver: the shared "
         "contact database, the online payments framework, the joint website search."),
        ("okonjo", "interview 01", ["centralisation-dependence", "learning-missed"],
         ["centralisation-dependence", "learning-missed"],
         "I'd like the districts to talk to each other more without us in the middle. At the moment if "
         "Ashcombe has a problem with its web content system they ring Lachlan, not Hexmoor, even though "
         "Hexmoor fixed the same problem last spring."),
        ("okonjo", "interview 01", ["vision-joined-up", "strategy-gap"], ["strategy-gap"],
         "The board agrees the vision every year without any argument: joined-up services, so a resident "
         "doesn't need to know which tier does what. What it won't do is agree which projects come first "
         "and who pays for them."),
        ("okonjo", "interview 01", ["accountability-reporting", "leadership-executive"], None,
         "I report to the board, the board reports to the chief executives' group, and the chief "
         "executives' group hasn't discussed us in over a year. So in practice I'm accountable to whoever "
         "shouts loudest."),
        ("okonjo", "interview 01", ["embeddedness"], ["embedded-spin-off"],
         "It's embedded now. Three years ago people asked whether the partnership would survive the end "
         "of the grant; nobody asks that any more."),
        ("pengelly", "interview 02", ["seniority-cannot-commit"], ["seniority-cannot-commit"],
         "Half my week is on the phone to the districts. Temitope at Fenwold is keen, but anything that "
         "costs money has to go back to the head of service, and that can take two months."),
        ("pengelly", "interview 02", ["centralisation-team-drives", "accountability-funding"],
         ["centralisation-team-drives"],
         "We wrote the bid for the government partnership funding in about three weeks. Nobody else had "
         "the time, so it came to us, and that's been the pattern ever since."),
        ("haraldsen", "interview 03", ["citizen-facing"], ["citizen-facing-absent"],
         "The projects that work are the ones where the customer services people came along. Sukhvinder "
         "brought two of her advisers to the design workshop and it changed the whole layout of the "
         "enquiry forms."),
        ("haraldsen", "interview 03", ["citizen-facing-absent"], ["citizen-facing-absent"],
         "Most of the people round the table are ICT. That's fine for infrastructure, but when we talk "
         "about how residents contact the council, the people who answer the phones aren't there."),
        ("drummond", "interview 04", ["centralisation"], ["centralisation-dependence"],
         "I keep the contact list for the whole partnership. There are about eighty names on it, and I'd "
         "say Adaeze knows every one of them personally."),
        ("drummond", "interview 04", ["spanner-broker", "centralisation"], None,
         "People ring me to find out who they should talk to at the other councils. I suppose I'm the "
         "switchboard."),
        ("farquharson", "interview 05", ["size-large-partner", "history-rivalry"],
         ["size-large-partner", "history-rivalry"],
         "The county has the biggest ICT department by a distance, so we end up hosting things: the "
         "shared servers, the payments engine. Some of the districts see that as the county taking over, "
         "which it isn't."),
        ("farquharson", "interview 05", ["history-rivalry"], ["history"],
         "There was no tradition of county-wide working here before. The districts had their own little "
         "alliances in the north and the south, and the county was something you complained about."),
        ("farquharson", "interview 05", ["centralisation-dependence", "spanner-fragility"],
         ["centralisation-dependence"],
         "Okonjo's team is the glue. If you took them away I think the councils would drift back to doing "
         "their own thing within a year."),
        ("achterberg", "interview 06", ["leadership-political"], ["leadership-political"],
         "I'm the member champion, which means I turn up to the launch events. Very few of my colleagues "
         "know the partnership exists, and the leaders have never discussed it as a group."),
        ("achterberg", "interview 06", ["customer-not-democracy"], None,
         "Everything we've delivered has been about transactions: paying for things, booking things, "
         "reporting things. I'd like to see us use it to involve people in decisions, but that isn't on "
         "anybody's list."),
        ("castellano", "interview 07", ["citizen-facing-absent"], ["citizen-facing-absent", "learning-missed"],
         "Customer services only hears about the partnership when a new form goes live and the phones "
         "start ringing. We should have been in the room at the start."),
        ("castellano", "interview 07", ["customer-not-democracy"], None,
         "Benedikt talks about channel shift and cost per transaction. Nobody mentions what residents "
         "might want to say to the council, as opposed to pay to it."),
        ("menzies", "interview 08", ["strategy-gap"], None,
         "There's a strategy document, but it's a list of projects, not a strategy. Nobody has said what "
         "we're trying to achieve by 2010 or how we'd know we'd got there."),
        ("menzies", "interview 08", ["history-prior-projects"], ["history-prior-projects"],
         "The joint website search was the first project everyone could see. It showed the districts and "
         "the county could produce something together, and the trust came from that."),
        ("mensah", "interview 09", ["learning-missed", "centralisation-dependence"], None,
         "I've met my opposite numbers from the other districts maybe twice, both times at the annual "
         "conference. Day to day I deal with Lachlan."),
        ("mensah", "interview 09", ["size-small-partner"], None,
         "Ashcombe wouldn't have a proper online payments service without the partnership. We couldn't "
         "have procured it on our own; we'd have been too small to get a decent price."),
        ("vosper", "interview 10", ["seniority-cannot-commit"], ["seniority-cannot-commit", "accountability-reporting"],
         "I'm the web officer. I go to the working group because my manager can't, and I'm honest with "
         "them that I can't sign anything off."),
        ("lindqvist", "interview 11", ["embedded-spin-off"], ["embedded-spin-off"],
         "The partnership has earned a lot of respect. When the county wanted shared procurement for the "
         "libraries they used the same board structure, and so did the community safety people."),
        ("lindqvist", "interview 11", ["citizen-facing-absent"], None,
         "I'm one of maybe three people from a front-line service who turn up. I think that's why the "
         "partnership is seen as an IT club."),
        ("quarshie", "interview 12", ["history-rivalry", "size-small-partner"], None,
         "My council is small and proud of it. Members were worried at first that joining meant handing "
         "things over to the county. That took two years to settle down."),
        ("kinnaird", "interview 13", ["size-small-partner"], ["size-small-partner"],
         "We've got four people in IT at Dunsby, including me. Without the partnership we would have "
         "missed the 2005 target, simple as that."),
        ("kinnaird", "interview 13", ["learning-sharing-practice"], ["spanner-broker"],
         "Farquharson's people at the county have been generous with their time. If I'm stuck on "
         "something technical I'll ring Benedikt directly now, which I wouldn't have done three years ago."),
        ("baldacchino", "interview 14", ["accountability-reporting"], None,
         "I send a highlight report to my director every quarter. I don't think it's ever been discussed "
         "at management team."),
        ("tremayne", "interview 15", ["leadership-executive"], ["leadership-executive"],
         "The chief executives set the partnership up and then stepped back. What we lack is somebody at "
         "the top saying this matters, this is how the councils are going to change the way they work."),
        ("tremayne", "interview 15", ["size-small-partner"], None,
         "Inglesham's contribution is mostly money and goodwill. We haven't the staff to lead a project, "
         "though we've piloted two."),
        ("okafor", "interview 16", ["learning-sharing-practice"], ["learning-sharing-practice"],
         "Revenues and benefits came to the partnership late. Once we did, we found Garthby and Brindlow "
         "had exactly the same problem with document imaging, and we've shared a specification since."),
        ("lamont", "interview 17", ["seniority"], ["seniority-cannot-commit"],
         "I sit on the board for Eskridge. I can commit my council to most things, but several of the "
         "people around that table can't, and decisions get deferred because of it."),
        ("lamont", "interview 17", ["accountability-funding"], None,
         "Accountability is fuzzy. The money comes from the government grant and the subscriptions, the "
         "county holds it, and the board spends it. If a project failed I'm not sure who would answer "
         "for it."),
        ("szymanski", "interview 18", ["centralisation-dependence"], None,
         "The constabulary joined because of the crime reporting project. We deal with the team, and with "
         "the county's ICT people, and that's about it."),
        ("oyelaran", "interview 19", ["centralisation-dependence"], ["centralisation-dependence"],
         "Fire came in for the community safety referrals. The partnership team did all the running; I "
         "don't think I've ever been contacted by a district directly."),
        ("esposito", "interview 20", ["citizen-facing", "learning-sharing-practice"],
         ["citizen-facing", "spanner-broker"],
         "Ottoline Haraldsen ran the usability testing for the new website, and she got Hexmoor's customer "
         "service advisers involved. That was the first time I'd seen front-line staff at a partnership "
         "meeting."),
        ("pengelly", "workshop 1", ["centralisation-dependence", "learning-missed"], None,
         "Looking at the network picture, it's a bit of a shock how many lines go through us. We knew we "
         "were busy, but not that the councils hardly talk to each other."),
        ("mensah", "workshop 1", ["spanner-fragility"], ["spanner-fragility", "centralisation-dependence"],
         "The picture shows what we all know: Ashcombe, Garthby and Dunsby only connect through the team. "
         "Adaeze Okonjo moves on and there's nothing holding that corner together."),
        ("achterberg", "workshop 1", ["leadership-executive"], None,
         "If I showed this to the leaders they'd ask why the lines don't go through the chief executives. "
         "That's exactly the point."),
    ],
}

METRO = {
    "id": "metro",
    "seed": 2007,
    "yaml": """\
id: metro
title: Harbridge Connects metropolitan partnership (fictional)
description: >-
  FICTIONAL case study, bundled with partnet as an example: every person,
  organisation and place is invented. A metropolitan partnership of five
  metropolitan borough councils with the primary care trust, the hospital
  trust, the police and the passenger transport executive. Denser and less
  centralised than a shire partnership: practitioner groups connect the
  boroughs directly, and many members come from citizen-facing services.
relation: egov_contact
question: "Who do you deal with about e-government in the partnership, and how often?"
survey_date: 2007-03-20
fictional: true
nonrespondents: keep
min_frequency: 1
""",
    "orgs": [
        ("Aldermere Metropolitan Borough Council", "metropolitan borough", 8900, "AMB", 9, None),
        ("Bramwick Metropolitan Borough Council", "metropolitan borough", 9400, "BMB", 9, None),
        ("Coldhurst Metropolitan Borough Council", "metropolitan borough", 7600, "CMB", 8, None),
        ("Dunholt Metropolitan Borough Council", "metropolitan borough", 8100, "DMB", 8, None),
        ("Elmford Metropolitan Borough Council", "metropolitan borough", 7200, "EMB", 9, None),
        ("Harbridge Primary Care Trust", "health", 2600, "PCT", 5, None),
        ("Harbridge Teaching Hospitals Trust", "health", 6100, "HTH", 4, None),
        ("Harbridge Police", "police", 4300, "POL", 5, None),
        ("Harbridge Passenger Transport Executive", "transport", 760, "PTE", 5, None),
    ],
    "key": [
        ("adeyemi", "Hamish", "Adeyemi", "AMB", "officer", "corporate", "senior", "yes", "yes", 3.0, 1.6),
        ("kostopoulou", "Leyla", "Kostopoulou", "AMB", "officer", "citizen-facing", "middle", "yes", "yes", 2.5, 1.4),
        ("nakamura", "Wilfred", "Nakamura", "AMB", "councillor", "none", "senior", "yes", "yes", 1.2, 0.7),
        ("carvalho", "Ngozi", "Carvalho", "BMB", "officer", "ICT", "senior", "yes", "yes", 3.0, 1.5),
        ("rattray", "Tomasz", "Rattray", "BMB", "officer", "citizen-facing", "middle", "yes", "no", 1.5, 1.2),
        ("bhattacharya", "Saoirse", "Bhattacharya", "CMB", "officer", "citizen-facing", "senior", "yes", "yes",
         2.5, 1.4),
        ("lombardi", "Yusuf", "Lombardi", "CMB", "officer", "ICT", "middle", "yes", "yes", 2.0, 1.3),
        ("mulcahy", "Jolanta", "Mulcahy", "DMB", "officer", "corporate", "middle", "yes", "no", 1.5, 1.0),
        ("owusu", "Barnaby", "Owusu", "DMB", "councillor", "none", "senior", "no", "yes", 1.0, 0.7),
        ("sandhu", "Raffaele", "Sandhu", "EMB", "officer", "back-office", "senior", "yes", "yes", 1.5, 1.0),
        ("kavanagh", "Efua", "Kavanagh", "EMB", "officer", "citizen-facing", "middle", "yes", "yes", 2.0, 1.3),
        ("obiora", "Maarten", "Obiora", "PCT", "officer", "ICT", "senior", "yes", "yes", 2.5, 1.6),
        ("galbraith", "Sunita", "Galbraith", "PCT", "officer", "citizen-facing", "middle", "yes", "no", 2.0, 1.4),
        ("kucera", "Henrietta", "Kucera", "HTH", "officer", "ICT", "middle", "yes", "yes", 1.0, 1.0),
        ("verhoeven", "Babajide", "Verhoeven", "POL", "officer", "citizen-facing", "middle", "yes", "yes", 1.5, 1.1),
        ("ampofo", "Cressida", "Ampofo", "PTE", "officer", "corporate", "senior", "yes", "yes", 1.8, 1.2),
    ],
    "directorates": {"citizen-facing": 0.4, "ICT": 0.25, "back-office": 0.15, "corporate": 0.2},
    "seniority": {"senior": 0.35, "middle": 0.45, "junior": 0.2},
    "councillor_per_council": 1,
    "response": 0.85,
    "consent": 0.75,
    "out_mean": 9.0,
    "hub_out_mean": 9.0,
    "affinity": {"same": 1.0, "borough-borough": 0.32, "borough-agency": 0.22, "agency-agency": 0.3,
                 "health-health": 0.7},
    "segments": [
        ("adeyemi", "interview 01", ["centralisation"], ["centralisation"],
         "Aldermere hosts the programme office, but it's two people and a budget line. Most of the work "
         "happens in the practitioner groups, and those run themselves."),
        ("adeyemi", "interview 01", ["history-prior-projects"], ["history-prior-projects"],
         "The boroughs have worked together since the county council went: waste, transport, trading "
         "standards. E-government was just another thing to do jointly."),
        ("adeyemi", "interview 01", ["leadership"], ["centralisation"],
         "Ngozi and I chair the technical board between us. If one of us is away, the other picks it up, "
         "and nobody notices."),
        ("kostopoulou", "interview 02", ["learning-sharing-practice"], ["learning-sharing-practice"],
         "Our contact centre managers meet every month across all five boroughs. We pinched Coldhurst's "
         "scripts for council tax enquiries and they took our complaints process."),
        ("kostopoulou", "interview 02", ["citizen-facing"], ["citizen-facing"],
         "Because the contact centre people are in it from the start, the projects are built around what "
         "callers actually ask for, not around what the systems can do."),
        ("nakamura", "interview 03", ["leadership-political", "vision-strategy"], ["leadership-political"],
         "The leaders agreed a joint e-government strategy in the first year and they review it every "
         "spring. It has names against every priority."),
        ("nakamura", "interview 03", ["customer-not-democracy"], ["citizen-facing"],
         "We did try an online consultation on the transport plan, jointly with the PTE. Turnout was poor, "
         "but at least we tried something other than paying bills."),
        ("carvalho", "interview 04", ["size"], ["size"],
         "Bramwick is as big as any of the others, so nobody can dominate. That helps. Decisions are "
         "genuinely negotiated."),
        ("carvalho", "interview 04", ["seniority"], ["seniority"],
         "I can commit Bramwick to spend up to a quarter of a million without going back to anyone. Most "
         "of the people on the board can do the same, which means the board actually decides things."),
        ("rattray", "interview 05", ["citizen-facing"], ["citizen-facing", "seniority"],
         "I'm a neighbourhood officer, not an IT person, and I've been on the working group for two years. "
         "Nobody thinks that's strange here."),
        ("rattray", "interview 05", ["learning-sharing-practice"], None,
         "When the abandoned vehicles project went live we rang each other's neighbourhood teams directly; "
         "Adeyemi's office only heard about it afterwards."),
        ("bhattacharya", "interview 06", ["citizen-facing", "learning-sharing-practice"], None,
         "Coldhurst led the shared customer records project. We had people from all five contact centres, "
         "the hospital and the police in the design workshops."),
        ("bhattacharya", "interview 06", ["learning-sharing-practice"], ["learning-sharing-practice", "spanner-broker"],
         "I ring Efua at Elmford probably twice a week. We've got the same problems and we solve them "
         "together; we don't need a partnership manager in between."),
        ("lombardi", "interview 07", ["learning-sharing-practice"], None,
         "The web managers' group is the best thing about it. Someone posts a problem on the Monday and by "
         "Wednesday three boroughs have sent their code."),
        ("lombardi", "interview 07", ["vision-joined-up"], ["vision-joined-up"],
         "We all signed up to the same vision at the start: any service, any borough, any channel. It's on "
         "the wall in every contact centre."),
        ("mulcahy", "interview 08", ["accountability-reporting"], ["accountability-reporting"],
         "Accountability goes through the joint committee of leaders, and each borough's scrutiny "
         "committee can call the programme in. Dunholt's did, last year, over the smartcard delays."),
        ("mulcahy", "interview 08", ["strategy-gap", "vision-joined-up"], ["strategy-gap"],
         "Where it's weaker is strategy for the health side. We all agree on joined-up care, but there's "
         "no plan for how the council systems and the trusts' systems will actually meet."),
        ("owusu", "interview 09", ["leadership-political"], None,
         "Members are interested because residents notice. When the joint transport smartcard launched I "
         "had more letters about it than about anything else that year."),
        ("sandhu", "interview 10", ["history"], ["history-rivalry"],
         "Revenues is the one area where we still keep our distance. Elmford built its own system before "
         "the partnership existed and we're not going to throw it away."),
        ("sandhu", "interview 10", ["accountability-funding"], ["accountability-reporting"],
         "We still report partnership spending to each borough's cabinet separately, which is five sets of "
         "paperwork for one budget."),
        ("kavanagh", "interview 11", ["vision-joined-up", "citizen-facing"], ["vision-joined-up"],
         "The one-stop shops are where the partnership becomes real. A resident can come into Elmford's "
         "shop and we can book them an appointment with the PCT or report a crime to the police."),
        ("kavanagh", "interview 11", ["seniority"], None,
         "I'm not senior, I'm a shop manager. But I can change how my shop works, and that's what the "
         "partnership needs from me."),
        ("obiora", "interview 12", ["spanner-broker"], ["spanner-broker"],
         "I spend half my time at the town halls. Health and the councils speak different languages; "
         "somebody has to translate, and at the moment that's me and Sunita."),
        ("obiora", "interview 12", ["spanner-fragility"], ["spanner-fragility"],
         "If the PCT reorganises again, and it will, the links with the boroughs depend on whether Sunita "
         "and I are still here."),
        ("galbraith", "interview 13", ["vision-joined-up"], None,
         "Patients don't care whether a service belongs to the council or to us. The joined-up appointment "
         "line was the first time the partnership meant something to them."),
        ("kucera", "interview 14", ["history"], ["history", "embeddedness"],
         "The hospital trust came in late and we're still the outsider. The boroughs have twenty years of "
         "working together; we've got three."),
        ("verhoeven", "interview 15", ["embeddedness"], ["embedded-spin-off"],
         "Neighbourhood policing and the councils' community teams share a case system now. It started as "
         "an e-government project and now it's just how we work."),
        ("ampofo", "interview 16", ["leadership-executive", "centralisation"], ["leadership-executive"],
         "The smartcard needed all five boroughs, the PTE and the operators. Hamish Adeyemi got the chief "
         "executives into one room, but after that the work was spread across a dozen people."),
        ("ampofo", "interview 16", ["size-large-partner"], ["size-large-partner"],
         "Transport is a big organisation with its own agenda. We could do the smartcard on our own, but it "
         "would only work on the buses, not at the libraries and leisure centres."),
        ("adeyemi", "workshop 1", ["centralisation"], None,
         "I expected the picture to have Aldermere in the middle. It doesn't. There are four or five "
         "clusters of people who talk to each other constantly, and they overlap."),
        ("kostopoulou", "workshop 1", ["citizen-facing"], None,
         "What strikes me is how many front-line people are on it. That's the difference from the county "
         "partnerships I've seen, where it's all heads of IT."),
        ("carvalho", "workshop 1", ["spanner-fragility"], ["spanner-fragility"],
         "The health lines all go through Maarten and Sunita. That's the weak point."),
    ],
}

COASTAL = {
    "id": "coastal",
    "seed": 2008,
    "yaml": """\
id: coastal
title: Saltmarsh Coast e-Partnership (fictional)
description: >-
  FICTIONAL case study, bundled with partnet as an example: every person,
  organisation and place is invented. A small partnership of four unitary
  councils and the voluntary sector along one coast. It works as two
  clusters, the northern councils (Corrick, Polwithen) with their community
  network and the southern councils (Kestlemouth, Tremarrow) with their
  voluntary action body, joined only through two boundary spanners.
relation: egov_contact
question: "Who do you deal with about e-government in the partnership, and how often?"
survey_date: 2007-06-05
fictional: true
nonrespondents: keep
min_frequency: 1
""",
    "orgs": [
        ("Corrick Council", "unitary", 3900, "COR", 10, "north"),
        ("Polwithen Council", "unitary", 2700, "POW", 9, "north"),
        ("Polwithen Community Network", "voluntary", 14, "PCN", 4, "north"),
        ("Kestlemouth Council", "unitary", 5200, "KES", 10, "south"),
        ("Tremarrow Council", "unitary", 2400, "TRE", 9, "south"),
        ("Coastline Voluntary Action", "voluntary", 22, "CVA", 4, "south"),
    ],
    "key": [
        ("kowalczyk", "Tamsin", "Kowalczyk", "CVA", "other", "none", "senior", "yes", "yes", 3.0, 1.5),
        ("nancarrow", "Idris", "Nancarrow", "POW", "officer", "ICT", "middle", "yes", "yes", 2.5, 1.4),
        ("abernethy", "Cerys", "Abernethy", "COR", "officer", "ICT", "senior", "yes", "yes", 2.5, 1.3),
        ("agyeman", "Joost", "Agyeman", "COR", "officer", "citizen-facing", "middle", "yes", "no", 1.5, 1.1),
        ("nwosu", "Philippa", "Nwosu", "COR", "councillor", "none", "senior", "yes", "yes", 1.0, 0.8),
        ("glasson", "Nadia", "Glasson", "POW", "officer", "ICT", "junior", "yes", "no", 1.0, 1.0),
        ("ogilvie", "Kehinde", "Ogilvie", "PCN", "other", "citizen-facing", "middle", "yes", "yes", 1.5, 1.0),
        ("balogun", "Spyros", "Balogun", "KES", "officer", "corporate", "senior", "yes", "yes", 2.5, 1.3),
        ("rahman", "Fenella", "Rahman", "KES", "officer", "ICT", "junior", "yes", "yes", 1.5, 1.1),
        ("penhaligon", "Kirsty", "Penhaligon", "TRE", "officer", "citizen-facing", "senior", "yes", "yes", 2.0, 1.2),
        ("zielinski", "Tristram", "Zielinski", "TRE", "councillor", "none", "senior", "no", "yes", 1.0, 0.8),
        ("pascoe", "Vikram", "Pascoe", "CVA", "other", "citizen-facing", "junior", "yes", "no", 1.0, 1.0),
    ],
    "directorates": {"citizen-facing": 0.3, "ICT": 0.3, "back-office": 0.15, "corporate": 0.25},
    "seniority": {"senior": 0.25, "middle": 0.5, "junior": 0.25},
    "councillor_per_council": 1,
    "response": 0.8,
    "consent": 0.7,
    "out_mean": 4.5,
    "hub_out_mean": 6.0,
    "affinity": {"same": 1.0, "same-cluster": 0.3},
    # boundary spanners: key -> (people they name in the other cluster,
    #                            people there who name them)
    "spanners": {"kowalczyk": (5, 4), "nancarrow": (3, 1)},
    "segments": [
        ("kowalczyk", "interview 01", ["spanner-broker"], ["spanner-broker"],
         "I sit on both the north and the south groups because the voluntary sector covers the whole "
         "coast. Half the time I'm the one telling Corrick what Kestlemouth has just done."),
        ("kowalczyk", "interview 01", ["spanner-fragility"], ["spanner-fragility", "centralisation-dependence"],
         "If I left, I'm not sure anyone would carry things across. Idris does some of it, from his days "
         "at Kestlemouth, but that's two people holding the whole coast together."),
        ("kowalczyk", "interview 01", ["citizen-facing"], ["citizen-facing", "customer-not-democracy"],
         "The voluntary sector brings the people who don't use council websites. Our digital inclusion "
         "sessions were the first thing the councils asked us for."),
        ("nancarrow", "interview 02", ["spanner-broker", "history-prior-projects"], ["spanner-broker"],
         "I worked at Kestlemouth for six years before I came to Polwithen, so I still know who to ring "
         "down there. Nobody else in the north does."),
        ("nancarrow", "interview 02", ["strategy-gap", "vision-joined-up"], ["strategy-gap"],
         "The north and the south have different suppliers, different standards, different everything. We "
         "agreed a shared vision of one coast, one front door, and then carried on building two."),
        ("abernethy", "interview 03", ["history-prior-projects", "learning-sharing-practice"],
         ["history-prior-projects"],
         "Corrick and Polwithen have shared an ICT service desk since before the partnership, so the north "
         "half works well. The south is a different world."),
        ("abernethy", "interview 03", ["learning-missed"], ["learning-missed"],
         "Four unitaries is small enough that we should all know each other. We don't. I've met Spyros "
         "Balogun twice."),
        ("agyeman", "interview 04", ["learning-missed", "spanner-broker"], ["learning-missed", "spanner-broker"],
         "Our customer services team works closely with Polwithen's, and with Kehinde's volunteers at the "
         "community network. What happens in Tremarrow we hear about through Tamsin, if at all."),
        ("agyeman", "interview 04", ["accountability-reporting"], ["accountability-reporting"],
         "Nobody on the board is accountable for the coast-wide work as such. Each of us answers to our "
         "own council, and the partnership answers to nobody."),
        ("nwosu", "interview 05", ["history-rivalry"], ["history-rivalry"],
         "The two halves of the coast were separate districts for a hundred years. There's still a feeling "
         "in Corrick that the south gets everything."),
        ("nwosu", "interview 05", ["leadership-political"], ["leadership"],
         "The chair rotates between the four leaders every year, which is fair, but it means nobody really "
         "owns it."),
        ("glasson", "interview 06", ["seniority-cannot-commit", "size-small-partner"],
         ["seniority-cannot-commit", "size-small-partner"],
         "I'm the e-government officer, which at Polwithen means I'm the only one. I go to the meetings, "
         "but anything bigger than a few thousand pounds I have to take back."),
        ("glasson", "interview 06", ["spanner-broker"], ["spanner-broker"],
         "Idris has been great. If I need to know how Kestlemouth did something, he just phones them. I "
         "wouldn't know where to start."),
        ("ogilvie", "interview 07", ["size", "citizen-facing"], ["size"],
         "Our network is twelve community groups and a part-time coordinator, which is me. The councils are "
         "very good at inviting us; they're less good at listening."),
        ("ogilvie", "interview 07", ["size-small-partner"], None,
         "The community network is tiny, so being in the partnership gives us a voice we wouldn't otherwise "
         "have, and a bit of funding for the drop-in sessions."),
        ("balogun", "interview 08", ["size-large-partner"], ["size-large-partner"],
         "Kestlemouth is the biggest of the four, and the south partnership grew up around our ICT "
         "department. Tremarrow buys most of its services from us now."),
        ("balogun", "interview 08", ["accountability-funding"], ["accountability-funding"],
         "Money is the sticking point. Each council answers to its own members for every pound, and there's "
         "no pooled budget, so every joint project starts with an argument about who pays."),
        ("rahman", "interview 09", ["learning-missed"], None,
         "The web officers in the south meet every month. I've never been to a meeting with the north; I "
         "didn't know there was a group up there until last year."),
        ("rahman", "interview 09", ["learning-sharing-practice"], ["learning-sharing-practice"],
         "Kestlemouth's web team wrote the accessibility guidance and Tremarrow adopted it straight away. "
         "We'd offer it to the north if anyone asked."),
        ("penhaligon", "interview 10", ["citizen-facing"], ["citizen-facing"],
         "Customer access has been in the partnership from the start here, because Tremarrow put me on the "
         "board. That's unusual, I gather."),
        ("penhaligon", "interview 10", ["spanner-broker"], None,
         "Tamsin is the person who joins the dots. When our benefits advice project needed volunteers in "
         "the north, she found them in a week."),
        ("penhaligon", "interview 10", ["centralisation-team-drives", "size-large-partner"],
         ["centralisation-team-drives"],
         "Balogun's team does the technical work for both southern councils. In the south, that's the "
         "partnership, really."),
        ("zielinski", "interview 11", ["embeddedness"], ["embeddedness"],
         "The government funding was what got the four of us round a table. Whether we'd stay round it "
         "without the money, I honestly don't know."),
        ("zielinski", "interview 11", ["vision-joined-up", "history-rivalry"], None,
         "We've talked about a single coast-wide contact centre. Every council supports it in principle. "
         "Nobody wants to be the one that closes its own."),
        ("pascoe", "interview 12", ["customer-not-democracy"], ["customer-not-democracy"],
         "Most of what we do is digital inclusion: getting older residents online, helping people claim. "
         "That's about access, not about having a say, and I think the partnership could do more on the "
         "second."),
        ("kowalczyk", "workshop 1", ["spanner-fragility"], None,
         "Look at the picture: two balls of string, and me in the middle with Idris. That's a risk, and "
         "it's also the reason anything crosses at all."),
        ("balogun", "workshop 1", ["learning-missed"], ["learning-missed", "learning-sharing-practice"],
         "I didn't realise how little the south talks to the north. We should put the two web groups "
         "together and see what happens."),
        ("abernethy", "workshop 1", ["strategy-gap", "learning-missed"], None,
         "The network picture explains why the shared vision never became a shared plan: the people who "
         "would have to write it have never met."),
    ],
}

# A partnership surveyed twice. Key people carry their answer in each wave
# ("yes", "no", or "absent": not on that wave's roster) in "panel"; the
# others' "responded" (answered in any wave) is drawn as for the other cases
# and then split over the waves with "panel_p".
QUENMERE = {
    "id": "quenmere",
    "seed": 2009,
    "yaml": """\
id: quenmere
title: Quenmere e-Government Partnership, two waves (fictional)
description: >-
  FICTIONAL case study, bundled with partnet as an example: every person,
  organisation and place is invented. A county partnership of Quenmere County
  Council, six district councils and the constabulary, run by a small
  partnership team, surveyed twice: in autumn 2006 and again in spring 2008.
  The team stays at the centre of the network. Ovdale drifts out after its
  e-government champion leaves, while Kelthorpe and Langwick start working
  directly through a shared revenues service. Two people left between the
  waves and three joined.
relation: egov_contact
question: "Who do you deal with about e-government in the partnership, and how often?"
survey_date: 2006-10-03
waves:
  - {id: w1, survey_date: 2006-10-03}
  - {id: w2, survey_date: 2008-04-15}
fictional: true
nonrespondents: keep
min_frequency: 1
""",
    "waves": ("w1", "w2"),
    "surnames": SURNAMES + SURNAMES_MORE,
    "orgs": [
        ("Quenmere County Council", "county council", 8700, "QCC", 14, None),
        ("Kelthorpe District Council", "district council", 440, "KDC", 8, None),
        ("Langwick District Council", "district council", 390, "LDC", 7, None),
        ("Ovdale District Council", "district council", 350, "ODC", 8, None),
        ("Selbury District Council", "district council", 520, "SDC", 6, None),
        ("Thornholt District Council", "district council", 300, "TDC", 6, None),
        ("Wendford District Council", "district council", 410, "WDC", 6, None),
        ("Quenmere Constabulary", "police", 3100, "POL", 6, None),
        ("Quenmere e-Government Partnership Team", "partnership team", 4, "QPT", 4, None),
    ],
    "key": [
        ("asante", "Morwenna", "Asante", "QPT", "partnership staff", "corporate", "senior", "yes", "yes", 30, 3.0),
        ("kyeremeh", "Dafydd", "Kyeremeh", "QPT", "partnership staff", "corporate", "middle", "yes", "yes", 12, 2.6),
        ("fitzgibbon", "Ingrid", "Fitzgibbon", "QPT", "partnership staff", "corporate", "junior", "yes", "no", 7, 2.0),
        ("tonkin", "Wilfred", "Tonkin", "QPT", "partnership staff", "corporate", "junior", "yes", "yes", 4, 1.8),
        ("monteiro", "Torvald", "Monteiro", "QCC", "officer", "ICT", "senior", "yes", "yes", 4, 1.5),
        ("hosking", "Araminta", "Hosking", "QCC", "councillor", "none", "senior", "yes", "yes", 1, 0.8),
        ("vlachou", "Despina", "Vlachou", "QCC", "officer", "citizen-facing", "middle", "yes", "yes", 1.2, 1.0),
        ("pietrzak", "Gwenllian", "Pietrzak", "ODC", "officer", "ICT", "senior", "yes", "yes", 3, 1.5),
        ("rosewarne", "Bartosz", "Rosewarne", "ODC", "officer", "back-office", "middle", "yes", "no", 1, 1.0),
        ("dijkstra", "Chiamaka", "Dijkstra", "KDC", "officer", "back-office", "senior", "yes", "yes", 1.5, 1.2),
        ("randhawa", "Sunniva", "Randhawa", "KDC", "officer", "back-office", "middle", "yes", "yes", 2.0, 1.6),
        ("cullinane", "Leandro", "Cullinane", "LDC", "officer", "ICT", "middle", "yes", "yes", 1.5, 1.2),
        ("kobayashi", "Lorcan", "Kobayashi", "POL", "officer", "ICT", "middle", "yes", "yes", 1, 1.0),
        ("galea", "Tiago", "Galea", "POL", "officer", "ICT", "junior", "yes", "no", 1, 1.0),
        ("farrugia", "Hywel", "Farrugia", "SDC", "officer", "corporate", "senior", "yes", "yes", 1, 1.0),
        ("pellegrini", "Nkechi", "Pellegrini", "TDC", "officer", "ICT", "junior", "yes", "yes", 1, 1.0),
        ("theodorou", "Cosima", "Theodorou", "WDC", "officer", "citizen-facing", "middle", "yes", "yes", 1.2, 1.0),
    ],
    # each key person's answer in w1 and w2
    "panel": {
        "asante": ("yes", "yes"), "kyeremeh": ("yes", "yes"), "fitzgibbon": ("yes", "yes"),
        "tonkin": ("yes", "yes"),
        "monteiro": ("yes", "yes"), "hosking": ("yes", "no"), "vlachou": ("absent", "yes"),
        "pietrzak": ("yes", "absent"), "rosewarne": ("yes", "yes"), "dijkstra": ("yes", "yes"),
        "randhawa": ("absent", "yes"), "cullinane": ("yes", "yes"), "kobayashi": ("yes", "absent"),
        "galea": ("absent", "yes"), "farrugia": ("no", "yes"), "pellegrini": ("yes", "no"),
        "theodorou": ("yes", "yes"),
    },
    # how the others who answered at all answered in (w1, w2)
    "panel_p": {("yes", "yes"): 0.8, ("yes", "no"): 0.1, ("no", "yes"): 0.1},
    "directorates": {"ICT": 0.4, "back-office": 0.24, "corporate": 0.24, "citizen-facing": 0.12},
    "seniority": {"senior": 0.25, "middle": 0.45, "junior": 0.3},
    "councillor_per_council": 1,
    "response": 0.86,  # answered in at least one wave; about 78 % in each
    "consent": 0.7,
    "out_mean": 3.8,
    "hub_out_mean": 13.0,
    # the district that drifts out and the two that start working directly
    "drifted": "ODC",
    "pair": ("KDC", "LDC"),
    # affinity by kind of pair in each wave (w1, w2)
    "affinity": {"same": (1.0, 1.0), "team": (1.0, 1.0), "team-drifted": (1.0, 0.06),
                 "county-district": (0.07, 0.07), "district-district": (0.025, 0.025),
                 "pair": (0.0, 2.0), "drifted": (0.07, 0.003), "police": (0.04, 0.04)},
    # chance that a tie of w1 is named again in w2 (when both are there and
    # the respondent answers), scaled down where the affinity fell
    "keep": 0.62,
    # chance that a lasting tie's frequency moves by one step
    "freq_change": 0.25,
    "segments": [
        ("asante", "interview 01, wave 1", ["centralisation-team-drives"], ["centralisation-team-drives"],
         "Six districts, the county and the constabulary, and the four of us in the middle. Most projects "
         "start because Dafydd or I rang somebody and asked."),
        ("asante", "interview 01, wave 1", ["embeddedness"], ["embeddedness", "accountability-funding"],
         "We're two years in. The grant runs out in 2008, and the honest question is whether the partnership "
         "would survive without it. I think it would now, but I wouldn't bet the office on it."),
        ("pietrzak", "interview 02, wave 1", ["spanner-broker", "history-prior-projects"], ["spanner-broker"],
         "Ovdale came in because I'd worked with Torvald at the county on the old land charges project. "
         "Most of what Ovdale hears about the partnership comes through me."),
        ("pietrzak", "interview 02, wave 1", ["spanner-fragility"], ["spanner-fragility", "centralisation-dependence"],
         "If I moved on, I'm not sure anyone at Ovdale would pick up the phone to the county. It's a lot of "
         "weight on one post."),
        ("monteiro", "interview 03, wave 1", ["size-large-partner"], ["size-large-partner"],
         "The county hosts the servers and the payments engine because we're the only partner with a data "
         "centre. Asante's team decides what goes on them; we keep them running."),
        ("monteiro", "interview 03, wave 1", ["history-rivalry"], None,
         "Before the partnership the districts bought from whoever came through the door, and Kelthorpe and "
         "Langwick had a long memory of a boundary review that went against one of them."),
        ("dijkstra", "interview 04, wave 1", ["learning-missed"], ["learning-missed"],
         "Langwick is ten miles down the road and runs the same revenues system as us. I've never met their "
         "team; everything goes through the partnership office."),
        ("cullinane", "interview 05, wave 1", ["history-rivalry", "learning-missed"], ["history-rivalry"],
         "There's an old coolness between Langwick and Kelthorpe. Nobody remembers why, but nobody picks up "
         "the phone either."),
        ("hosking", "interview 06, wave 1", ["leadership-political"], ["leadership-political"],
         "I'm the member champion. The leaders signed the partnership agreement and haven't discussed it "
         "since; it's seen as an officer thing."),
        ("kyeremeh", "interview 07, wave 1", ["accountability-reporting", "accountability-funding"],
         ["accountability-funding"],
         "The money sits with the county, the board spends it, and each council's scrutiny committee sees a "
         "one-line report once a year, if that."),
        ("kobayashi", "interview 08, wave 1", ["centralisation-dependence"], None,
         "The constabulary deals with the team and with Monteiro's people for the servers. I couldn't name "
         "anyone at the districts."),
        ("theodorou", "interview 09, wave 1", ["citizen-facing-absent"], ["citizen-facing-absent"],
         "I'm the only person from a customer service centre on the working group. When we talk about forms, "
         "the people who take the calls aren't in the room."),
        ("pellegrini", "interview 10, wave 1", ["seniority-cannot-commit"], ["seniority-cannot-commit"],
         "I'm a web officer. Anything that costs Thornholt money I have to take back to my head of service, "
         "and the board waits."),
        ("rosewarne", "interview 11, wave 1", ["size-small-partner"], None,
         "For a council of Ovdale's size the partnership is the only way to get a decent price for online "
         "payments. We couldn't procure it alone."),
        ("asante", "workshop 1, wave 1", ["vision-joined-up", "strategy-gap"], ["strategy-gap"],
         "Everybody agrees on the vision, one front door for the whole county. What we haven't agreed is the "
         "order we do things in and who pays."),
        ("asante", "interview 12, wave 2", ["embeddedness", "embedded-spin-off"], ["embedded-spin-off"],
         "Nobody asks any more whether the partnership will last. The community safety people copied our "
         "board, and the county wants the same model for shared procurement."),
        ("asante", "interview 12, wave 2", ["centralisation-team-drives", "learning-sharing-practice"],
         ["centralisation-team-drives"],
         "We're still the switchboard for most of the councils. What's changed is that two of them no longer "
         "need us to talk to each other."),
        ("randhawa", "interview 13, wave 2", ["learning-sharing-practice", "embedded-spin-off"],
         ["learning-sharing-practice"],
         "I was appointed last year to run the shared revenues service for Kelthorpe and Langwick. I'm in "
         "Langwick two days a week, and Leandro's team and mine sit at the same desks."),
        ("cullinane", "interview 14, wave 2", ["learning-sharing-practice", "history-prior-projects"],
         ["learning-sharing-practice"],
         "Chiamaka and I started with one joint procurement and it snowballed. Now we ring each other before "
         "we ring the partnership office."),
        ("dijkstra", "interview 15, wave 2", ["size-small-partner"], ["size-small-partner", "accountability-funding"],
         "Neither council could afford a revenues team with proper cover on its own. Together we can, and the "
         "members signed it off in one meeting."),
        ("rosewarne", "interview 16, wave 2", ["embeddedness", "spanner-fragility"], ["spanner-fragility"],
         "Since Gwenllian left nobody at Ovdale has really picked up the partnership. We went with our own "
         "supplier for the new website and the meetings dropped off the diary."),
        ("rosewarne", "interview 16, wave 2", ["accountability-reporting"], None,
         "Our management team asked what Ovdale gets for its subscription. Nobody could answer, so the "
         "subscription is under review."),
        ("kyeremeh", "interview 17, wave 2", ["spanner-fragility", "centralisation-dependence"],
         ["spanner-fragility"],
         "Ovdale is the warning. Their link to the rest of us was one post, Pietrzak's, and when she went the "
         "link went with her."),
        ("vlachou", "interview 18, wave 2", ["citizen-facing"], ["citizen-facing"],
         "I came in as customer services manager last spring and asked to join the working group. Front-line "
         "people are starting to appear at the meetings, but we're still a minority."),
        ("vlachou", "interview 18, wave 2", ["customer-not-democracy"], ["customer-not-democracy"],
         "Everything on the list is about transactions: paying, booking, reporting. Nobody has asked how "
         "residents might use it to have a say."),
        ("galea", "interview 19, wave 2", ["seniority-cannot-commit", "centralisation-dependence"], None,
         "I took over from Lorcan on the working group. I'm still finding out who does what, so for now I go "
         "through Dafydd Kyeremeh for everything."),
        ("farrugia", "interview 20, wave 2", ["leadership-executive"], ["leadership-executive"],
         "The chief executives talk about the partnership now, which they didn't two years ago. Selbury's "
         "chief executive chairs the board this year."),
        ("monteiro", "interview 21, wave 2", ["history"], ["history-prior-projects"],
         "The shared servers have been running three years. That track record is what lets us talk about the "
         "next thing without starting from scratch."),
        ("theodorou", "interview 22, wave 2", ["vision-strategy"], ["strategy-gap"],
         "There's a second strategy now, with dates in it. It's still mostly the team's strategy, but at least "
         "it says who does what by when."),
        ("asante", "workshop 2, wave 2", ["learning", "embeddedness"], ["learning-sharing-practice"],
         "Put the two pictures side by side and you can see it: Kelthorpe and Langwick have grown a direct "
         "line, and Ovdale has gone quiet. Same team in the middle."),
        ("dijkstra", "workshop 2, wave 2", ["spanner-broker"], ["spanner-broker"],
         "Sunniva is the bridge between the two councils now; she's on both payrolls in all but name."),
    ],
}

CASES = (SHIRE, METRO, COASTAL, QUENMERE)


# --------------------------------------------------------------------------- people


def build_people(case: dict, rng: np.random.Generator, used_surnames: set) -> list[dict]:
    """Key people first within each organisation, then invented others."""
    orgs = {code: (name, kind, n, cluster) for name, kind, _, code, n, cluster in case["orgs"]}
    key_by_org: dict[str, list] = {code: [] for code in orgs}
    for k in case["key"]:
        key_by_org[k[3]].append(k)
    used_first = {k[1] for k in case["key"]}
    used_surnames |= {k[2] for k in case["key"]}
    firsts = [f for f in FIRST_NAMES if f not in used_first]
    surnames = [s for s in case.get("surnames", SURNAMES) if s not in used_surnames]
    firsts = [firsts[i] for i in rng.permutation(len(firsts))]
    surnames = [surnames[i] for i in rng.permutation(len(surnames))]
    dirs, dir_p = zip(*case["directorates"].items())
    sens, sen_p = zip(*case["seniority"].items())
    people = []
    for code, (org_name, kind, n, cluster) in orgs.items():
        keys = key_by_org[code]
        councillors = sum(k[4] == "councillor" for k in keys)
        for k in keys:
            key, first, sur, _, role, directorate, seniority, responded, consent, pop, act = k
            people.append(dict(key=key, first=first, surname=sur, org=org_name, code=code, kind=kind,
                               cluster=cluster, role=role, directorate=directorate, seniority=seniority,
                               responded=responded, consent=consent, pop=pop, act=act))
        for _ in range(n - len(keys)):
            first, sur = firsts.pop(), surnames.pop()
            used_surnames.add(sur)
            is_council = kind in ("county council", "district council", "unitary", "metropolitan borough")
            if is_council and councillors < case["councillor_per_council"]:
                role, directorate, seniority = "councillor", "none", "senior"
                councillors += 1
            elif kind == "voluntary":
                role = "other"
                directorate = str(rng.choice(["citizen-facing", "none"]))
                seniority = str(rng.choice(sens, p=sen_p))
            else:
                role = "officer"
                directorate = str(rng.choice(dirs, p=dir_p))
                seniority = str(rng.choice(sens, p=sen_p))
            people.append(dict(key=None, first=first, surname=sur, org=org_name, code=code, kind=kind,
                               cluster=cluster, role=role, directorate=directorate, seniority=seniority,
                               responded=None, consent="yes" if rng.random() < case["consent"] else "no",
                               pop=float(rng.lognormal(0.0, 0.35)), act=float(rng.lognormal(0.0, 0.35))))
    # Response: key people as set; others drawn to reach the target rate.
    n = len(people)
    target = int(round(case["response"] * n))
    fixed_yes = sum(p["responded"] == "yes" for p in people)
    open_idx = [i for i, p in enumerate(people) if p["responded"] is None]
    yes = set(rng.choice(open_idx, size=target - fixed_yes, replace=False).tolist())
    for i in open_idx:
        people[i]["responded"] = "yes" if i in yes else "no"
    for i, p in enumerate(people):
        p["person_id"] = f"P{i + 1:03d}"
        p["name"] = f"{p['first']} {p['surname']}"
    return people


# --------------------------------------------------------------------------- ties


def _affinity(case: dict, a: dict, b: dict) -> float:
    aff = case["affinity"]
    if a["org"] == b["org"]:
        return aff["same"]
    if case["id"] == "shire":
        kinds = {a["kind"], b["kind"]}
        if "partnership team" in kinds:
            return aff["team"]
        if kinds == {"county council", "district council"}:
            return aff["county-district"]
        if kinds == {"district council"}:
            return aff["district-district"]
        return aff["emergency"]
    if case["id"] == "metro":
        ka, kb = a["kind"] == "metropolitan borough", b["kind"] == "metropolitan borough"
        if ka and kb:
            return aff["borough-borough"]
        if ka or kb:
            return aff["borough-agency"]
        if a["kind"] == b["kind"] == "health":
            return aff["health-health"]
        return aff["agency-agency"]
    # coastal: nothing crosses between the clusters except through spanners
    return aff["same-cluster"] if a["cluster"] == b["cluster"] else 0.0


def build_ties(case: dict, people: list[dict], rng: np.random.Generator) -> list[tuple]:
    """Each respondent names alters drawn by popularity x affinity, without repeats."""
    n = len(people)
    pop = np.array([p["pop"] for p in people])
    aff = np.array([[_affinity(case, a, b) for b in people] for a in people])
    np.fill_diagonal(aff, 0.0)
    ties = {}
    for i, p in enumerate(people):
        if p["responded"] != "yes":
            continue
        mean = case["hub_out_mean"] if p["kind"] == "partnership team" else case["out_mean"]
        k = max(1, int(rng.poisson(mean * p["act"])))
        w = pop * aff[i]
        k = min(k, int((w > 0).sum()))
        alters = rng.choice(n, size=k, replace=False, p=w / w.sum())
        for j in sorted(alters.tolist()):
            ties[(i, j)] = _kind(people[i], people[j])
    for key, (n_out, n_in) in case.get("spanners", {}).items():
        s = next(i for i, p in enumerate(people) if p["key"] == key)
        others = [j for j, p in enumerate(people) if p["cluster"] != people[s]["cluster"]]
        out = rng.choice(others, size=n_out, replace=False, p=_norm(pop[others]))
        for j in sorted(out.tolist()):
            ties[(s, j)] = "between"
        namers = [j for j in others if people[j]["responded"] == "yes" and (j, s) not in ties]
        inn = rng.choice(namers, size=n_in, replace=False)
        for j in sorted(inn.tolist()):
            ties[(j, s)] = "between"
    rows = []
    for (i, j), kind in sorted(ties.items()):
        freq = int(rng.choice(5, p=FREQ_P[kind])) + 1
        rows.append((people[i]["person_id"], people[j]["person_id"], "egov_contact", freq))
    return rows


def _norm(w):
    w = np.asarray(w, dtype=float)
    return w / w.sum()


def _kind(a: dict, b: dict) -> str:
    if "partnership team" in (a["kind"], b["kind"]):
        return "hub"
    return "within" if a["org"] == b["org"] else "between"


# --------------------------------------------------------------------------- waves


def build_panel(case: dict, people: list[dict], rng: np.random.Generator) -> list[tuple]:
    """Each person's answer in each wave: yes, no, or absent (not on that wave's roster).

    Key people as designed; the others who answered at all (people.csv's
    responded) answered in one wave or both, by ``panel_p``; the rest in
    neither.
    """
    patterns, p = zip(*case["panel_p"].items())
    panel = []
    for person in people:
        if person["key"]:
            panel.append(case["panel"][person["key"]])
        elif person["responded"] == "yes":
            panel.append(patterns[int(rng.choice(len(patterns), p=p))])
        else:
            panel.append(("no",) * len(case["waves"]))
    return panel


def _wave_affinity(case: dict, a: dict, b: dict, t: int) -> float:
    """Affinity between two people in wave ``t`` (0-based) of a case with waves."""
    aff = {k: v[t] for k, v in case["affinity"].items()}
    if a["org"] == b["org"]:
        return aff["same"]
    codes = {a["code"], b["code"]}
    kinds = {a["kind"], b["kind"]}
    if "partnership team" in kinds:
        return aff["team-drifted"] if case["drifted"] in codes else aff["team"]
    if case["drifted"] in codes:
        return aff["drifted"]
    if codes == set(case["pair"]):
        return aff["pair"]
    if "police" in kinds:
        return aff["police"]
    if kinds == {"county council", "district council"}:
        return aff["county-district"]
    return aff["district-district"]


def build_wave_ties(case: dict, people: list[dict], panel: list[tuple],
                    rng: np.random.Generator) -> list[tuple]:
    """Ties of every wave: those of the wave before that last, and new ones.

    In each wave a respondent names ``k`` people (Poisson, as in
    :func:`build_ties`). From the second wave on, each tie of the wave
    before whose two people are still there and whose respondent answers
    again lasts with chance ``keep`` (times the ratio of the pair's affinity
    now to then, where it fell); a lasting tie's frequency moves one step
    with chance ``freq_change`` (down where the affinity fell). The
    respondent's other ties are drawn by popularity x affinity of the
    wave, among people on its roster.
    """
    n = len(people)
    pop = np.array([p["pop"] for p in people])
    rows, before, aff_before = [], {}, None
    for t, wave in enumerate(case["waves"]):
        present = np.array([w[t] != "absent" for w in panel])
        aff = np.array([[_wave_affinity(case, a, b, t) for b in people] for a in people])
        np.fill_diagonal(aff, 0.0)
        aff[:, ~present] = 0.0
        ties = {}
        for (i, j), freq in sorted(before.items()):
            if panel[i][t] != "yes" or not present[j]:
                continue
            fell = aff[i, j] < aff_before[i, j]
            if rng.random() < case["keep"] * min(1.0, aff[i, j] / aff_before[i, j]):
                if rng.random() < case["freq_change"]:
                    freq += -1 if fell else int(rng.choice([-1, 1]))
                ties[(i, j)] = min(max(freq, 1), 5)
        for i, p in enumerate(people):
            if panel[i][t] != "yes":
                continue
            mean = case["hub_out_mean"] if p["kind"] == "partnership team" else case["out_mean"]
            k = max(1, int(rng.poisson(mean * p["act"])))
            w = pop * aff[i]
            named = [j for (r, j) in ties if r == i]
            w[named] = 0.0
            k = min(k - len(named), int((w > 0).sum()))
            if k <= 0:
                continue
            for j in sorted(rng.choice(n, size=k, replace=False, p=w / w.sum()).tolist()):
                pair = {people[i]["code"], people[j]["code"]} == set(case["pair"])
                kind = "within" if pair else _kind(people[i], people[j])
                ties[(i, j)] = int(rng.choice(5, p=FREQ_P[kind])) + 1
        for (i, j), freq in sorted(ties.items()):
            rows.append((people[i]["person_id"], people[j]["person_id"], "egov_contact", freq, wave))
        before, aff_before = ties, aff
    return rows


# --------------------------------------------------------------------------- files


def _csv(header, rows) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def render(case: dict, used_surnames: set) -> dict[str, str]:
    """The files of one case, as text: the six of the format, responses.csv for a case with waves, and
    notes.csv for a case with workshop notes (as ``partnet import-notes`` writes it)."""
    rng = np.random.default_rng(case["seed"])
    people = build_people(case, rng, used_surnames)
    extra = {}
    if "waves" in case:
        panel = build_panel(case, people, rng)
        ties = build_wave_ties(case, people, panel, rng)
        tie_header = ("respondent", "alter", "relation", "frequency", "wave")
        extra["responses.csv"] = _csv(("person_id", "wave", "responded"),
                                      [(p["person_id"], wave, answers[t])
                                       for t, wave in enumerate(case["waves"])
                                       for p, answers in zip(people, panel)])
    else:
        ties = build_ties(case, people, rng)
        tie_header = ("respondent", "alter", "relation", "frequency")
    by_key = {p["key"]: p for p in people if p["key"]}
    seg_rows = []
    for k, (speaker, source, codes_a, codes_b, text) in enumerate(case["segments"], start=1):
        sid = f"S{k:03d}"
        pid = by_key[speaker]["person_id"]
        for coder, codes in (("A", codes_a), ("B", codes_b or [])):
            for code in codes:
                seg_rows.append((sid, pid, code, text, source, coder))
    seg_rows.sort(key=lambda r: (r[0], r[5], r[2]))
    if case.get("notes"):
        def target(kind, who):
            return by_key[who]["person_id"] if kind in ("person", "tie") else (who or "")

        extra["notes.csv"] = _csv(
            ("note_id", "target_type", "target", "alter", "note", "date", "facilitator", "view"),
            [(f"n{k}", kind, target(kind, who), by_key[alter]["person_id"] if alter else "", note, date, by, "")
             for k, (kind, who, alter, note, date, by) in enumerate(case["notes"], start=1)])
    return {
        "case.yaml": case["yaml"],
        "organisations.csv": _csv(("organisation", "org_type", "size", "code"),
                                  sorted((o[0], o[1], o[2], o[3]) for o in case["orgs"])),
        "people.csv": _csv(("person_id", "name", "organisation", "role", "directorate", "seniority",
                            "responded", "consent_named"),
                           [(p["person_id"], p["name"], p["org"], p["role"], p["directorate"],
                             p["seniority"], p["responded"], p["consent"]) for p in people]),
        "ties.csv": _csv(tie_header, ties),
        "codebook.csv": _csv(("code", "theme", "dimension", "description", "parent"), CODEBOOK),
        "segments.csv": _csv(("segment_id", "person_id", "code", "excerpt", "source", "coder"), seg_rows),
        **extra,
    }


def render_all() -> dict[Path, str]:
    """Every bundled file: path relative to data/examples -> text."""
    used = {k[2] for case in CASES for k in case["key"]}  # key people's surnames are reserved
    out = {}
    for case in CASES:
        for name, text in render(case, used).items():
            out[Path(case["id"]) / name] = text
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the files on disk; write nothing")
    parser.add_argument("--out", type=Path, default=HERE / "examples", help="folder of the cases")
    args = parser.parse_args(argv)
    files = render_all()
    if args.check:
        stale = [str(p) for p, text in files.items()
                 if not (args.out / p).is_file() or (args.out / p).read_text(encoding="utf-8") != text]
        for p in stale:
            print(f"differs: {p}")
        return 1 if stale else 0
    for p, text in files.items():
        (args.out / p).parent.mkdir(parents=True, exist_ok=True)
        (args.out / p).write_text(text, encoding="utf-8", newline="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
