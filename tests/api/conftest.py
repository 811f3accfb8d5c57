"""The API contract: Sources/SafeguardingWeb/API/openapi.yaml, checked on its own and against a live server.

Environment:
  SAFEGUARDING_BASE_URL            a demo server (`safeguarding serve --demo`); without it the live tests skip.
  SAFEGUARDING_API_TOKEN           an administrator's token (`safeguarding token create --email admin@calderdale.example`);
                                   required when SAFEGUARDING_BASE_URL is set.
  SAFEGUARDING_CONTRIBUTOR_TOKEN   optional: a contributor's token (contributor@calderdale.example), for the role checks.

Only the standard library talks to the server; PyYAML, jsonschema (with referencing) and
openapi-spec-validator read and check the document.
"""
from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "Sources" / "SafeguardingWeb" / "API" / "openapi.yaml"
README_PATH = ROOT / "README.md"
SPEC_URI = "urn:safeguarding:openapi"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def load_spec() -> dict:
    with SPEC_PATH.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def pointer(*parts: str) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def operations(spec: dict):
    """(method in upper case, path, operation, path-level parameters) for every operation."""
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield method.upper(), path, item[method], item.get("parameters", [])


# ---- what every live check records, for the summary at the end ------------------------------
STATS: dict = {"calls": 0, "checks": 0, "by_operation": defaultdict(Counter)}


def pytest_terminal_summary(terminalreporter):
    if not STATS["calls"]:
        return
    terminalreporter.section("API contract: live checks")
    terminalreporter.write_line(f"{STATS['calls']} requests, {STATS['checks']} assertions on status, content type, headers and body schema")
    for operation_id in sorted(STATS["by_operation"]):
        statuses = ", ".join(f"{status}×{n}" for status, n in sorted(STATS["by_operation"][operation_id].items()))
        terminalreporter.write_line(f"  {operation_id}: {statuses}")


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes
    json: object = None
    text: str = ""


@dataclass
class Contract:
    """The document, with a validator that resolves its `$ref`s in place."""
    spec: dict
    registry: Registry = field(init=False)
    by_id: dict = field(init=False)

    def __post_init__(self):
        self.registry = Registry().with_resource(SPEC_URI, Resource.from_contents(self.spec, default_specification=DRAFT202012))
        self.by_id = {}
        for method, path, operation, shared in operations(self.spec):
            self.by_id[operation["operationId"]] = (method, path, operation, shared)

    def resolve(self, obj: dict, at: str):
        """Follows a (non-schema) `$ref` such as a shared response; answers the object and its JSON pointer."""
        while isinstance(obj, dict) and "$ref" in obj:
            ref = obj["$ref"]
            assert ref.startswith("#/"), f"only local references are used: {ref}"
            at = ref[1:]
            obj = self.spec
            for part in at.lstrip("/").split("/"):
                obj = obj[part.replace("~1", "/").replace("~0", "~")]
        return obj, at

    def validator(self, schema_pointer: str) -> Draft202012Validator:
        return Draft202012Validator({"$ref": f"{SPEC_URI}#{schema_pointer}"}, registry=self.registry,
                                    format_checker=Draft202012Validator.FORMAT_CHECKER)

    def errors(self, schema_pointer: str, instance) -> list[str]:
        return [f"{'/'.join(map(str, e.absolute_path)) or '(body)'}: {e.message}"
                for e in self.validator(schema_pointer).iter_errors(instance)]

    def parameters(self, operation_id: str) -> dict:
        method, path, operation, shared = self.by_id[operation_id]
        out = {}
        at_path = pointer("paths", path)
        for i, p in enumerate(shared):
            resolved, where = self.resolve(p, at_path + pointer("parameters", i))
            out[(resolved["in"], resolved["name"])] = (resolved, where)
        for i, p in enumerate(operation.get("parameters", [])):
            resolved, where = self.resolve(p, at_path + pointer(method.lower(), "parameters", i))
            out[(resolved["in"], resolved["name"])] = (resolved, where)
        return out


class Client:
    """Calls operations by their operationId and checks every answer against the document."""

    def __init__(self, base_url: str, contract: Contract, token: str | None, who: str):
        self.base_url = base_url.rstrip("/")
        self.contract = contract
        self.token = token
        self.who = who

    def check(self, condition: bool, message: str):
        STATS["checks"] += 1
        assert condition, message

    def call(self, operation_id: str, *, path: dict | None = None, query: dict | None = None, body=None,
             raw_body: bytes | None = None, content_type: str | None = None, expect: int | None = None,
             body_conforms: bool | None = None, headers: dict | None = None) -> Answer:
        """`body` is sent as JSON; `raw_body` as is, with `content_type`. `body_conforms`, when given, asserts
        whether the body validates against the operation's request schema (a bad body the server refuses
        should be one the document refuses too)."""
        contract = self.contract
        assert operation_id in contract.by_id, f"no operation {operation_id} in the document"
        method, template, operation, _ = contract.by_id[operation_id]
        declared = contract.parameters(operation_id)
        where = f"{self.who}: {method} {template} ({operation_id})"

        # The request itself must be one the document describes.
        url_path = template
        for name, value in (path or {}).items():
            self.check(("path", name) in declared, f"{where}: path parameter {name} is not declared")
            url_path = url_path.replace("{" + name + "}", urllib.parse.quote(str(value), safe=""))
        self.check("{" not in url_path, f"{where}: path parameters left unfilled in {url_path}")
        for name in (query or {}):
            self.check(("query", name) in declared, f"{where}: query parameter {name} is not declared")
        url = self.base_url + url_path
        if query:
            url += "?" + urllib.parse.urlencode(query)

        data = None
        sent_headers = {"Accept": "*/*"}
        if self.token is not None:
            sent_headers["Authorization"] = f"Bearer {self.token}"
        if body is not None:
            data = json.dumps(body).encode()
            sent_headers["Content-Type"] = "application/json"
        elif raw_body is not None:
            data = raw_body
            if content_type:
                sent_headers["Content-Type"] = content_type
        sent_headers.update(headers or {})
        if body_conforms is not None:
            request_body = operation.get("requestBody")
            self.check(request_body is not None, f"{where}: the document declares no request body")
            media = sent_headers.get("Content-Type", "").split(";")[0].strip()
            self.check(media in request_body["content"], f"{where}: request content type {media} is not declared")
            problems = contract.errors(pointer("paths", template, method.lower(), "requestBody", "content", media, "schema"),
                                       body if body is not None else (raw_body or b"").decode())
            if body_conforms:
                self.check(not problems, f"{where}: the body sent does not match the document's request schema: {problems}")
            else:
                self.check(bool(problems), f"{where}: the server refuses this body, but the document's request schema accepts it: {body!r}")

        request = urllib.request.Request(url, data=data, method=method, headers=sent_headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, response_headers, content = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, response_headers, content = error.code, error.headers, error.read()
        STATS["calls"] += 1
        STATS["by_operation"][operation_id][status] += 1
        answer = Answer(status=status, headers={k.lower(): v for k, v in response_headers.items()}, body=content)
        answer.text = content.decode("utf-8", errors="replace")
        excerpt = answer.text[:600]

        responses = operation["responses"]
        self.check(str(status) in responses, f"{where}: status {status} is not declared (declared: {sorted(responses)}); body: {excerpt}")
        if expect is not None:
            self.check(status == expect, f"{where}: expected {expect}, got {status}; body: {excerpt}")
        response, response_at = contract.resolve(responses[str(status)],
                                                 pointer("paths", template, method.lower(), "responses", str(status)))
        for name, header in (response.get("headers") or {}).items():
            if header.get("required"):
                self.check(name.lower() in answer.headers, f"{where}: required header {name} missing from the {status} answer")
        content_types = response.get("content") or {}
        if not content_types:
            self.check(not content, f"{where}: {status} declares no body, but one came: {excerpt}")
            return answer
        media = answer.headers.get("content-type", "").split(";")[0].strip().lower()
        self.check(media in content_types, f"{where}: {status} came as {media!r}, declared {sorted(content_types)}")
        schema_at = response_at + pointer("content", media, "schema")
        if media == "application/json" or media.endswith("+json"):
            try:
                answer.json = json.loads(content)
            except ValueError:
                self.check(False, f"{where}: {status} body is not JSON: {excerpt}")
            instance = answer.json
        elif media in ("application/yaml", "application/x-yaml", "text/yaml"):
            try:
                instance = yaml.safe_load(content)
            except yaml.YAMLError as error:
                self.check(False, f"{where}: {status} body is not YAML ({error}): {excerpt}")
        else:
            instance = answer.text
        problems = contract.errors(schema_at, instance)
        self.check(not problems, f"{where}: {status} body does not match its schema:\n  " + "\n  ".join(problems[:20]) + f"\nbody: {excerpt}")
        return answer


@pytest.fixture(scope="session")
def spec() -> dict:
    return load_spec()


@pytest.fixture(scope="session")
def contract(spec) -> Contract:
    return Contract(spec)


@pytest.fixture(scope="session")
def base_url() -> str:
    url = os.environ.get("SAFEGUARDING_BASE_URL")
    if not url:
        pytest.skip("SAFEGUARDING_BASE_URL is not set: no live server to check the API contract against")
    return url.rstrip("/")


@pytest.fixture(scope="session")
def admin(base_url, contract) -> Client:
    token = os.environ.get("SAFEGUARDING_API_TOKEN")
    if not token:
        pytest.fail("SAFEGUARDING_BASE_URL is set but SAFEGUARDING_API_TOKEN is not: "
                    "make one with `safeguarding token create --email admin@calderdale.example`")
    return Client(base_url, contract, token, "administrator")


@pytest.fixture(scope="session")
def contributor(base_url, contract) -> Client:
    token = os.environ.get("SAFEGUARDING_CONTRIBUTOR_TOKEN")
    if not token:
        pytest.skip("SAFEGUARDING_CONTRIBUTOR_TOKEN is not set: the contributor's role checks need a contributor's token")
    return Client(base_url, contract, token, "contributor")


@pytest.fixture(scope="session")
def anonymous(base_url, contract) -> Client:
    return Client(base_url, contract, None, "no token")


@pytest.fixture(scope="session")
def forged(base_url, contract) -> Client:
    return Client(base_url, contract, "sgd_not-a-real-token", "forged token")
