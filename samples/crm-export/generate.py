"""Writes opportunities.csv and activities.csv: a made-up CRM export of 80 accounts in the columns of the built-in
`csv` mapping, for the README's "Analyse your pipeline". Seeded, so it writes the same files every time:

    python3 samples/crm-export/generate.py [ACCOUNTS]

Each account walks the seller stages with the activities a seller logs on the way (discovery calls, requirement
lists, demos, quotes, security reviews, steering committees); some loop back (back to needs analysis with a new requirement list after the quote,
a new problem at a second plant, a security review and a reference call late in the deal), some stall on a budget freeze, and each
ends won, lost or still open.
"""
import csv
import datetime
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
START = datetime.date(2026, 1, 5)
LAST = datetime.date(2026, 11, 27)

COMPANIES = ["acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "wonka", "tyrell", "cyberdyne",
             "soylent", "vandelay", "gringotts", "oscorp", "aperture", "massive", "nakatomi", "monarch", "vehement",
             "duff"]
CONTACTS = [("Plant Manager", "ops"), ("Head of Operations", "ops"), ("IT Security Specialist", "it"),
            ("Chief Financial Officer", "fin"), ("Purchasing Agent", "pur"), ("Process Engineer", "eng"),
            ("Shift Supervisor", "usr")]


def account_name(i):
    return f"{COMPANIES[i % len(COMPANIES)]}-{i // len(COMPANIES) + 1:02d}"


def journey(rng, account, opportunities, activities):
    day = START + datetime.timedelta(days=rng.randrange(0, 250))
    counter = {"o": 0, "a": 0}

    def step(low, high):
        nonlocal day
        day += datetime.timedelta(days=rng.randrange(low, high))
        return day <= LAST

    def stage(name):
        counter["o"] += 1
        opportunities.append([f"{account}-o{counter['o']}", account, day.isoformat(), name])

    def activity(kind, subject, contact):
        counter["a"] += 1
        title, key = contact
        activities.append([f"{account}-a{counter['a']}", account, day.isoformat(), kind, subject, f"{account}-{key}", title])

    ops, it, fin, pur, eng, usr = (CONTACTS[0] if rng.random() < 0.5 else CONTACTS[1]), CONTACTS[2], CONTACTS[3], CONTACTS[4], CONTACTS[5], CONTACTS[6]
    stage("Lead")
    activity("call", rng.choice(["Kickoff: missed delivery targets", "Discovery call: scrap rate problem", "Pain: unplanned downtime"]), ops)
    if not step(3, 12):
        return
    stage("Qualified")
    activity("email", "Sent the requirement list", ops)
    if rng.random() < 0.15:
        if step(20, 60):
            activity("email", "Budget freeze until next quarter", fin)
            if rng.random() < 0.6 and step(5, 20):
                stage("Closed Lost")
        return
    if not step(4, 14):
        return
    stage("Needs Analysis")
    if rng.random() < 0.5 and step(2, 8):
        stage("Value Proposition")
    rfp = rng.random() < 0.7
    if rfp and step(2, 10):
        activity("email", "RFP issued to three suppliers", pur)
    if not step(2, 10):
        return
    activity("meeting", rng.choice(["On-site demo", "Product demo for the operations team"]), eng)
    if rng.random() < 0.5 and step(1, 5):
        activity("meeting", "Site visit at the reference plant", usr)
    if not step(5, 20):
        return
    stage("Proposal")
    activity("email", rng.choice(["Quote, revised", "Pricing for 3 lines", "Proposal sent"]), pur)
    late = rng.random()
    if late < 0.25 and step(3, 15):
        stage("Needs Analysis")
        activity("email", "New requirement checklist from IT", it)
        if step(3, 10):
            activity("meeting", "Demo for the new IT lead", it)
    elif late < 0.35 and step(3, 15):
        activity("call", "New problem: the second plant has the same downtime", ops)
    elif late < 0.55 and step(3, 15):
        activity("email", "Security questionnaire and SOC 2 report", it)
        if step(2, 8):
            activity("call", "Reference call with a customer", eng)
    if rng.random() < 0.2:
        if step(15, 50):
            activity("email", "Project on hold: budget frozen", fin)
            if rng.random() < 0.7 and step(10, 30):
                stage("Closed Lost")
        return
    if not step(5, 20):
        return
    stage("Negotiation")
    activity("meeting", "Steering committee with the sponsor", fin)
    if rng.random() < 0.5 and step(2, 8):
        activity("email", "Contract redline from legal", pur)
    if not step(5, 25):
        return
    won = rng.random() < (0.35 if late < 0.35 else 0.85 if late < 0.55 else 0.65)
    stage("Closed Won" if won else "Closed Lost")


def main():
    accounts = int(sys.argv[1]) if len(sys.argv) > 1 else 80
    rng = random.Random(17)
    opportunities, activities = [], []
    for i in range(accounts):
        journey(rng, account_name(i), opportunities, activities)
    for name, header, rows in [("opportunities.csv", ["id", "journey", "date", "stage"], opportunities),
                               ("activities.csv", ["id", "journey", "date", "type", "subject", "contact", "title"], activities)]:
        with open(os.path.join(HERE, name), "w", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
        print(f"{name}: {len(rows)} rows")


if __name__ == "__main__":
    main()
