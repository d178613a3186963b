"""Words and phrases for generated plans, in the style of plans/ni15.yaml (a UK community
safety partnership's delivery plan). Only data: the generator combines them from a seed."""

from __future__ import annotations

VERBS = (
    "Target", "Develop", "Review", "Deliver", "Establish", "Extend", "Commission", "Embed",
    "Strengthen", "Coordinate", "Evaluate", "Promote", "Introduce", "Maintain", "Expand",
    "Support", "Tackle", "Improve", "Map", "Pilot",
)
OBJECTS = (
    "night time economy 'hot-spot' premises and locations",
    "a multi-agency response to alcohol related violence",
    "the county licensing forum and its enforcement activity",
    "referral pathways for young people at risk",
    "the Integrated Offender Management approach",
    "quarterly problem profiles down to NPU level",
    "support for victims of domestic abuse through MARAC",
    "the partnership communications strategy on serious violence",
    "data sharing with A&E departments and the ambulance service",
    "diversionary activity for 10 – 17 year olds",
    "parenting support and family intervention",
    "the Safer Nights operation in town centre areas",
    "trauma-informed practice across partner agencies",
    "knife crime education in secondary schools",
    "problem-solving approaches in priority neighbourhoods",
    "the youth bytes programme in all high schools",
    "test purchase operations on under-age sales",
    "a hospital-based youth violence intervention",
    "mentoring for young people excluded from school",
    "the strategic needs assessment and its recommendations",
    "street pastor and taxi marshal schemes",
    "early help for families affected by violence",
    "the response to county lines exploitation",
    "community confidence and engagement in hot-spot areas",
)
PLACES = (
    "Stafford", "Cannock Chase", "East Staffordshire", "Lichfield", "Newcastle-under-Lyme",
    "South Staffordshire", "Staffordshire Moorlands", "Tamworth", "the county",
    "North Northamptonshire", "West Northamptonshire", "Burton town centre", "Leek",
)
CLAUSES = (
    "linking in with Locality Working approaches in order to build trust and confidence",
    "using National Tackling Violent Crime Programme funding where possible to enhance performance",
    "with a focus on reducing binge drinking amongst 18 – 24 year olds",
    "so that action can be taken to address communities' priorities and concerns",
    "in line with the 3 year plan and the Strategic Assessment",
    "working with the leisure industry and its regulatory bodies",
    "sharing evaluation findings and securing further funding where it is shown to work",
    "and report progress to the steering group each quarter",
    "drawing on the Observatory's analysis of violent crime",
    "with particular attention to vulnerable adults, the elderly and young people",
    "and make specific linkage with neighbouring authorities on cross-border issues",
    "ensuring that this is resourced to engage and inform stakeholders effectively",
)
MEASURES = (
    "Hot-Spot locations identified, situational approaches applied and evident.",
    "Review conducted and recommendations made.",
    "Detailed analysis document produced to support further action.",
    "Number of referrals received and completed; re-offending rate of the cohort.",
    "Plans in place and potential for violence effectively managed and contained.",
    "Coordinated media strategy in place; evidence of collaborative campaigns.",
    "Reduction in alcohol related hospital admissions of under 18s.",
    "Quarterly problem profiles produced and used by local partnerships.",
    "Proportion of victims offered support within 48 hours.",
    "Training delivered to front-line staff in every partner agency.",
)
COMMENTARY = (
    "All aspects achieved during Yr 1 – activities rolling forward across all 3 years.",
    "New action.",
    "Revised timescales needed in order to link with the Strategic Assessment work.",
    "Some coordination achieved across TVCP areas, but limited to two CDRPs.",
    "Data linked to this priority still remains limited.",
    "Loosely written action, to be confirmed or re-worded following the analysis.",
    "Funding agreed for a further year; evaluation due in the autumn.",
    "Good progress in the North; the South has still to start.",
)
NOTES = (
    "On track; first quarterly report circulated to members.",
    "Slippage owing to staff vacancies; recovery plan agreed with the lead.",
    "Funding bid submitted; decision expected next month.",
    "Delivered in {place}; roll-out to the rest of the county from the spring.",
    "Data sharing agreement still awaited from the hospital trust.",
    "Evaluation shows fewer repeat incidents; report to the next meeting.",
    "Complete. Closing report attached to the papers.",
    "Lead officer on leave; update to follow by email.",
    "Partners asked to nominate a contact by the end of the month.",
    "Training delivered to {n} staff; further sessions booked.",
    "Licensing review held; three premises placed on action plans.",
    "Awaiting the Observatory's problem profile before committing resources.",
    "Risk of missing the deadline; the chair to write to the partner agency.",
    "Operation completed in {place}; results to the licensing forum.",
)
DECISIONS = (
    "Agreed to extend the deadline by one quarter.",
    "The group accepted the revised delivery measure.",
    "Agreed that the action is complete and can be closed.",
    "Escalate to the strategic board for a decision on funding.",
    "The chair to write to the partner agency about the missing data.",
)
ARISING = (
    "Circulate the evaluation report to members",
    "Bring a revised timetable to the next meeting",
    "Confirm the data sharing agreement with the hospital trust",
    "Nominate a lead officer for the action",
    "Report the test purchase results to the licensing forum",
)
RISKS = (
    ("Financial", "Reduction in public funding will reduce the resources available to manage violent crime"),
    ("Performance", "Increased financial pressures may lead to increasing levels of violence"),
    ("Planning", "Relaxed licensing restrictions in town centres may lead to more violence"),
    ("Data", "Partners may not share the data the analysis depends on"),
    ("Capacity", "Vacancies in partner agencies may delay delivery of key actions"),
    ("Reputation", "A serious incident may undermine public confidence in the partnership"),
    ("Governance", "Members may not attend, so decisions cannot be made"),
)
INDICATORS = (
    ("Serious violent crime", "ratio per 1,000 population"),
    ("Violence with injury", "offences"),
    ("Alcohol related hospital admissions", "per 100,000"),
    ("Repeat incidents of domestic violence", "percent"),
    ("Knife crime offences", "offences"),
    ("First time entrants to the youth justice system", "per 100,000"),
    ("Re-offending rate of the IOM cohort", "percent"),
)
FIRST = (
    "Adrian", "Helen", "Peter", "Sue", "Nick", "Pat", "Len", "Ben", "Michael", "Sarah", "James",
    "Aisha", "Priya", "Tom", "Rachel", "David", "Fiona", "Gareth", "Karen", "Mohammed", "Joanne",
    "Simon", "Claire", "Andrew", "Lucy", "Mark", "Nadia", "Paul", "Emma", "Richard",
)
LAST = (
    "Roberts", "Riley", "Dartford", "Price", "Baker", "Merrick", "Bloomer", "Adams", "Harrison",
    "Khan", "Patel", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
    "Johnson", "Wright", "Walker", "Hughes", "Green", "Hall", "Wood", "Clarke", "Jackson", "Hill",
    "Ahmed", "Scott", "Morris", "Cooper", "Ward", "Bennett",
)
TITLES = ("", "", "", "", "Cllr ", "Ch. Insp ", "Supt ", "Dr ", "Insp ")
ORGANISATIONS = (
    ("Staffordshire Police", "Police"), ("Staffordshire County Council", "Local authority"),
    ("Staffordshire Fire & Rescue Service", "Fire"), ("Staffordshire Probation", "Justice"),
    ("South Staffordshire PCT", "Health"), ("North Staffordshire PCT", "Health"),
    ("Youth Offending Service", "Justice"), ("Observatory", "Local authority"),
    ("SCIO", "Voluntary sector"), ("Local Criminal Justice Board", "Justice"),
    ("Children's Trust", "Local authority"), ("Stafford Borough Council", "Local authority"),
    ("Cannock Chase Council", "Local authority"), ("Tamworth Borough Council", "Local authority"),
    ("Lichfield District Council", "Local authority"), ("West Midlands Ambulance Service", "Health"),
    ("Victim Support", "Voluntary sector"), ("Staffordshire Police Authority", "Police"),
    ("Adult Safeguarding Board", "Local authority"), ("Joint Commissioning Unit", "Health"),
)
ROLES = ("Chief Officer", "Community Safety Manager", "Analyst", "Licensing Officer",
         "Partnership Manager", "Head of Service", "Commissioner", "Neighbourhood Inspector")
THEMES = (
    "Tackle alcohol related violence and disorder", "Reduce re-offending", "Young people and alcohol",
    "Victims of violence", "Analysis and problem solving", "Stronger communities",
    "Domestic abuse", "Knife crime", "Night time economy", "Early intervention",
    "County lines and exploitation", "Road safety", "Hate crime", "Anti-social behaviour",
    "Public health approach", "Licensing and enforcement", "Education and schools",
    "Health and A&E data", "Communications", "Governance and resources",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
