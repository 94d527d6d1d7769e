"""The model codebook of partnership effectiveness, and interview excerpts for its codes.

:data:`CODEBOOK` is the nested codebook every fictional case carries (the
bundled cases of ``data/cases`` and every case :func:`partnet.synth.synth_case`
writes); :data:`EXCERPTS` holds the invented interview sentences the
generator codes with each leaf code. Both are fictional.
"""

from __future__ import annotations

__all__ = ["CODEBOOK", "EXCERPTS"]

#: The partnership-effectiveness codebook: (code, theme, dimension,
#: description, parent). Child codes leave theme and dimension blank and
#: inherit them from their parent. Themes follow the model of the seed
#: texts: network structure, governance and system stability.
CODEBOOK = (
    ("leadership", "leadership", "governance",
     "Direction given to the partnership by senior officers and politicians.", ""),
    ("leadership-political", "", "",
     "Political backing: councillors, e-champions and leaders who sponsor (or ignore) the joint work.",
     "leadership"),
    ("leadership-executive", "", "",
     "Direction from chief executives and directors; the partnership's place on their agenda.",
     "leadership"),
    ("accountability", "accountability", "governance",
     "Who answers for the partnership's decisions, money and results, and to whom.", ""),
    ("accountability-reporting", "", "",
     "Reporting lines from representatives back to their own organisations.", "accountability"),
    ("accountability-funding", "", "",
     "Answering for shared grants and budgets (government incentive funding, pooled subscriptions).",
     "accountability"),
    ("vision-strategy", "shared vision and strategy", "governance",
     "Whether partners share an aim, and a plan for reaching it.", ""),
    ("vision-joined-up", "", "",
     "A shared vision of joined-up services for citizens.", "vision-strategy"),
    ("strategy-gap", "", "",
     "No agreed strategy or priorities for reaching the shared vision.", "vision-strategy"),
    ("seniority", "seniority", "governance",
     "Whether representatives are senior enough to commit their organisation.", ""),
    ("seniority-cannot-commit", "", "",
     "Representatives who must refer decisions back because they are too junior to commit.",
     "seniority"),
    ("citizen-facing", "citizen-facing involvement", "governance",
     "Involvement of citizen-facing directorates, and of citizens themselves.", ""),
    ("citizen-facing-absent", "", "",
     "Front-line service directorates absent; the work treated as an ICT matter.",
     "citizen-facing"),
    ("customer-not-democracy", "", "",
     "Projects about customer service and administrative reform rather than democracy or policy making.",
     "citizen-facing"),
    ("embeddedness", "embeddedness", "system stability",
     "How established the partnership is in its partners' routines and in the locality.", ""),
    ("embedded-spin-off", "", "",
     "The partnership's standing leading to new joint arrangements in the locality.",
     "embeddedness"),
    ("history", "history of joint working", "system stability",
     "Earlier joint working, rivalries and trust between partners.", ""),
    ("history-rivalry", "", "",
     "Long-standing rivalries and local sovereignty: partners working for themselves.", "history"),
    ("history-prior-projects", "", "",
     "Earlier shared projects that built trust and personal contacts.", "history"),
    ("size", "size of organisation", "system stability",
     "How a partner's size shapes what it can contribute and what it gains.", ""),
    ("size-small-partner", "", "",
     "Small councils for which partnership is the only affordable route into e-government.", "size"),
    ("size-large-partner", "", "",
     "Large partners that can go it alone, or that carry the others.", "size"),
    ("centralisation", "centralisation", "network structure",
     "Contact concentrated around a team or a few individuals.", ""),
    ("centralisation-team-drives", "", "",
     "A central staff team driving shared projects through to implementation.", "centralisation"),
    ("centralisation-dependence", "", "",
     "Partners dealing with the centre rather than with each other; the risk if the centre goes.",
     "centralisation"),
    ("learning", "learning and sharing", "network structure",
     "Learning from each other and sharing practice across partners.", ""),
    ("learning-sharing-practice", "", "",
     "Practice, specifications or staff shared between partners.", "learning"),
    ("learning-missed", "", "",
     "Chances to learn from each other missed because partners seldom meet.", "learning"),
    ("boundary-spanning", "boundary spanning", "network structure",
     "People who link organisations or groups of partners.", ""),
    ("spanner-broker", "", "",
     "Individuals who carry information and requests between organisations.", "boundary-spanning"),
    ("spanner-fragility", "", "",
     "Dependence on a few linking individuals, and what happens when they leave.",
     "boundary-spanning"),
)

#: Invented interview excerpts, two for each leaf code of :data:`CODEBOOK`.
#: Placeholders: ``{first}``, ``{surname}``, ``{full}`` (a colleague),
#: ``{org}`` (the speaker's organisation), ``{other}`` (another one).
EXCERPTS = {    "leadership-political": (
        "Our portfolio holder signs whatever the board recommends, but I couldn't tell you the last "
        "time a councillor asked about the partnership. {first} has tried to get members interested "
        "and it's hard going.",
        "Having a councillor as e-champion matters. When {full} stood up at the leaders' meeting and "
        "backed the shared contact centre, {other} came on board within a month.",
    ),
    "leadership-executive": (
        "The chief executives set it up and then left us to it. There's no real steer from the top "
        "about where it goes next.",
        "{full} pushed this through the management team at {org}. Without a director saying it's a "
        "priority, it drops to the bottom of everyone's list.",
    ),
    "accountability-reporting": (
        "I report back to my head of service, but nobody at {org} actually holds me to account for "
        "what the partnership delivers.",
        "The board minutes go to each cabinet for noting, and that's about it. {surname}'s team writes "
        "the highlight reports and I'm not sure anyone reads them.",
    ),
    "accountability-funding": (
        "When the government grant came through, the question was whose books it sat in. {other} "
        "holds the money, so in practice {other} answers for it.",
        "Each partner pays a subscription, and every year somebody asks what they get for it. "
        "{first} has to justify the budget line by line.",
    ),
    "vision-joined-up": (
        "Everybody signs up to the idea that a resident shouldn't have to know which council does "
        "what. That part was never in dispute.",
        "The vision is joined-up services: one number to ring, one website. {first} put it on a "
        "single slide years ago and people still quote it.",
    ),
    "strategy-gap": (
        "We agree on where we want to end up, but there's no plan for getting there. Each project "
        "gets picked because someone has found a bit of funding.",
        "I asked the board what our priorities were for next year and got five different answers. "
        "{full} is drafting a strategy, but it has been drafting for a while.",
    ),
    "seniority-cannot-commit": (
        "I can't agree to anything in the meeting. I have to take it back to my director, and by the "
        "time that's done the others have moved on.",
        "Some partners send their web officer, others send a director. {other} sent someone new last "
        "time who couldn't commit to anything, so the item was deferred again.",
    ),
    "citizen-facing-absent": (
        "It's seen as an IT thing. The people who run the customer service centres and the benefits "
        "counters are hardly ever at the table.",
        "We've had nobody from housing or environmental services at the working group for a year. "
        "{first} from {other} comes when the rota allows, which isn't often.",
    ),
    "customer-not-democracy": (
        "Most of what we've done is about transactions: paying council tax, reporting a missed "
        "collection. Online consultation never got past a pilot.",
        "If I'm honest it's about efficiency. Nobody in the partnership talks about democracy or "
        "about involving residents in decisions.",
    ),
    "embedded-spin-off": (
        "The partnership is part of the furniture now. When the procurement people wanted a shared "
        "framework they came to us first, because we'd shown it could work.",
        "Because of the respect the group has earned, {org} and {other} set up a joint revenues "
        "arrangement on the same model.",
    ),
    "history-rivalry": (
        "There's a long history of partners not trusting each other. Some of that hasn't gone away; "
        "people still think in terms of their own patch.",
        "Ten years ago {org} and {other} wouldn't have sat in the same room. Members like to prove "
        "they can stand on their own.",
    ),
    "history-prior-projects": (
        "We'd already done a joint planning portal, so there was some trust to build on. People "
        "knew each other.",
        "{full} and I worked on the shared mapping project years ago; that's the reason I pick up "
        "the phone to {other} now.",
    ),
    "size-small-partner": (
        "For an organisation our size, going it alone on e-government was never an option. We "
        "haven't got the staff or the money to build a CRM on our own.",
        "We've two people in ICT. Without the partnership we'd have missed the targets; {surname}'s "
        "team did the heavy lifting on the procurement.",
    ),
    "size-large-partner": (
        "The bigger authorities can afford to do their own thing, and sometimes they do. {other} "
        "built its own portal and then asked to join ours later.",
        "{other} is bigger than the rest of us put together, so when they drag their feet the whole "
        "programme slows down.",
    ),
    "centralisation-team-drives": (
        "Honestly, it's {surname}'s team that makes things happen. They chase the actions, they "
        "write the bids, they keep the projects moving.",
        "{first} is the person everyone rings. If a project is stuck, it goes to the partnership "
        "team and it gets unstuck.",
    ),
    "centralisation-dependence": (
        "I deal with the team, not with the other partners. I'd struggle to name my opposite number "
        "at {other}.",
        "If {first} left tomorrow I'm not sure the whole thing would hold together. Everything runs "
        "through one office.",
    ),
    "learning-sharing-practice": (
        "We borrowed the specification for the payments system from {other} wholesale. It saved us "
        "months.",
        "The web managers' group is where the real sharing happens. {first} showed us how they'd cut "
        "avoidable contact and we copied it.",
    ),
    "learning-missed": (
        "We only meet at the board, and the agenda is full. There's no time to find out what the "
        "others are doing well.",
        "I found out by accident that {other} had solved the same problem we were struggling with. "
        "Nobody had thought to tell us.",
    ),
    "spanner-broker": (
        "{full} sits on both the partnership group and the health forum, so things get passed "
        "across that otherwise wouldn't.",
        "If I need something from {other} I go through {first}, who knows everyone there.",
    ),
    "spanner-fragility": (
        "Too much depends on a couple of people who happen to know both sides. If they moved on, "
        "those links would go with them.",
        "When {full} was off for three months, nothing moved between us and {other}.",
    ),
}

