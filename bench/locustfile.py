"""Simulated respondents and owners for `make loadtest` (locust).

Respondents sign in, go through the questionnaire section by section, save
each question as the page's autosave does (htmx POST) after a few seconds'
thought, and submit at the end. Owners read the results and the roadmap and
download the PDF report. Every save the server acknowledged ("Saved at") is
written to LOADTEST_ACKS (one JSON line each) for bench/loadtest.py to find
in the database afterwards.

Environment: LOADTEST_ASSESSMENT (the assessment's id), LOADTEST_ACKS (a file),
LOADTEST_PASSWORD; users load001... and loadowner (bench/loadtest.py makes them).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import threading

from locust import HttpUser, between, task

ASSESSMENT = int(os.environ.get("LOADTEST_ASSESSMENT", "0"))
ACKS = os.environ.get("LOADTEST_ACKS", "/tmp/loadtest-acks.jsonl")
PASSWORD = os.environ.get("LOADTEST_PASSWORD", "load-test-password")
RESPONDENTS = itertools.count(1)
_acks_lock = threading.Lock()

SECTION_LINK = re.compile(rf'href="/assessments/{ASSESSMENT}/questionnaire/([A-Za-z0-9_.-]+)/"')
VERSION_INPUT = re.compile(r'name="([A-Za-z0-9_.-]+)-version" value="(\d+)"')
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def record_ack(line: dict) -> None:
    with _acks_lock, open(ACKS, "a") as acks:
        acks.write(json.dumps(line) + "\n")


class SignedIn(HttpUser):
    abstract = True
    username = ""

    def sign_in(self) -> None:
        page = self.client.get("/accounts/login/", name="sign-in page").text
        token = CSRF_INPUT.search(page).group(1)
        self.client.post(
            "/accounts/login/",
            {"csrfmiddlewaretoken": token, "username": self.username, "password": PASSWORD},
            name="sign in",
        )

    @property
    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")


class Respondent(SignedIn):
    weight = 20
    # Reading a question and its four level descriptions takes a while.
    wait_time = between(3, 8)

    def on_start(self) -> None:
        self.username = f"load{next(RESPONDENTS):03d}"
        self.sign_in()
        first = self.client.get(
            f"/assessments/{ASSESSMENT}/questionnaire/", name="section page"
        ).text
        self.sections = list(dict.fromkeys(SECTION_LINK.findall(first)))
        self.work = self._questions()
        self.saves = 0
        self.submitted = False

    def _questions(self):
        """Each section's page, then each of its questions, in order."""
        for section in self.sections:
            page = self.client.get(
                f"/assessments/{ASSESSMENT}/questionnaire/{section}/", name="section page"
            ).text
            for code, version in VERSION_INPUT.findall(page):
                yield section, code, int(version)

    @task
    def next_step(self) -> None:
        if self.submitted:
            self.client.get(f"/assessments/{ASSESSMENT}/", name="assessment page")
            return
        step = next(self.work, None)
        if step is None:
            self.submit()
        else:
            self.save(*step)

    def save(self, section: str, code: str, version: int) -> None:
        current = random.randint(1, 3)
        self.saves += 1
        comment = f"{self.username} save {self.saves}"
        data = {
            f"{code}-current": str(current),
            f"{code}-target": str(current + 1),
            f"{code}-comment": comment,
            f"{code}-evidence_url": "",
            f"{code}-version": str(version),
        }
        with self.client.post(
            f"/assessments/{ASSESSMENT}/questionnaire/{section}/{code}/",
            data,
            headers={"HX-Request": "true", "X-CSRFToken": self.csrf},
            name="autosave",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or "Saved at" not in response.text:
                response.failure(f"not saved ({response.status_code})")
                return
            version_input = rf'name="{re.escape(code)}-version"[^>]*value="(\d+)"'
            stored = re.search(version_input, response.text)
            record_ack(
                {
                    "username": self.username,
                    "question": code,
                    "comment": comment,
                    "current": current,
                    "version": int(stored.group(1)) if stored else None,
                }
            )

    def submit(self) -> None:
        self.client.post(
            f"/assessments/{ASSESSMENT}/submit/",
            {"csrfmiddlewaretoken": self.csrf},
            headers={"X-CSRFToken": self.csrf},
            name="submit",
        )
        self.submitted = True


class Owner(SignedIn):
    weight = 1
    wait_time = between(3, 8)
    username = "loadowner"

    def on_start(self) -> None:
        self.sign_in()

    @task(3)
    def results(self) -> None:
        self.client.get(f"/assessments/{ASSESSMENT}/results/", name="results")

    @task(2)
    def roadmap(self) -> None:
        self.client.get(f"/assessments/{ASSESSMENT}/roadmap/", name="roadmap")

    @task(1)
    def report(self) -> None:
        # 202 while the worker prepares it, then the PDF.
        self.client.get(f"/assessments/{ASSESSMENT}/report.pdf", name="report.pdf")
