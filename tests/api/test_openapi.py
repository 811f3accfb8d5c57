"""The API contract in Sources/SafeguardingWeb/API/openapi.yaml.

Without a server: the document is valid OpenAPI 3.1, describes every route the Swift code registers
(and no other), agrees with the README's API table, and names the same fields as the Swift `Content`
structs. With SAFEGUARDING_BASE_URL: every operation is called on the live server, with good and bad
requests, and every answer's status, content type, required headers and body are checked against
what the document declares for that operation.
"""
from __future__ import annotations

import datetime
import re
import uuid

import os

import pytest
import yaml
from openapi_spec_validator import validate as validate_openapi

from conftest import README_PATH, ROOT, load_spec, operations

SPEC = load_spec()
OPERATION_IDS = sorted(op["operationId"] for _, _, op, _ in operations(SPEC))
PUBLIC_OPERATIONS = {"getHealth", "getMetrics", "getOpenApiJson", "getOpenApiYaml"}
TAGS = {"register", "performance", "learning", "reviews", "system"}
SWIFT_SOURCES = ROOT / "Sources"


def normalise(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path)


def spec_routes(spec: dict) -> set[tuple[str, str]]:
    return {(method, path) for method, path, _, _ in operations(spec)}


# =====================================================================================
# The document on its own
# =====================================================================================

def test_document_is_valid_openapi_3_1():
    assert SPEC["openapi"] == "3.1.0"
    validate_openapi(SPEC)  # raises with the first problem


def test_every_operation_has_a_unique_camel_case_id_and_one_module_tag():
    seen = set()
    for method, path, operation, _ in operations(SPEC):
        operation_id = operation.get("operationId")
        assert operation_id, f"{method} {path} has no operationId"
        assert re.fullmatch(r"[a-z][a-zA-Z0-9]*", operation_id), f"{operation_id} is not camelCase"
        assert operation_id not in seen, f"operationId {operation_id} is used twice"
        seen.add(operation_id)
        assert len(operation.get("tags", [])) == 1 and operation["tags"][0] in TAGS, f"{operation_id}: tags {operation.get('tags')}"
    assert {t["name"] for t in SPEC["tags"]} == TAGS


def test_bearer_security_is_global_and_only_the_public_operations_opt_out():
    scheme = SPEC["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert SPEC["security"] == [{"bearerAuth": []}]
    for method, path, operation, _ in operations(SPEC):
        if operation["operationId"] in PUBLIC_OPERATIONS:
            assert operation.get("security") == [], f"{path} must say security: [] (it is public)"
            # /metrics has its own bearer token (SAFEGUARDING_METRICS_TOKEN), outside the API's scheme.
            assert ("401" in operation["responses"]) == (operation["operationId"] == "getMetrics"), operation["operationId"]
        else:
            assert "security" not in operation, f"{operation['operationId']} overrides the global bearer security"
            assert path.startswith("/api/v1/"), path
            assert "401" in operation["responses"], f"{operation['operationId']} does not declare 401"
    public_paths = {path for _, path, op, _ in operations(SPEC) if op["operationId"] in PUBLIC_OPERATIONS}
    assert public_paths == {"/healthz", "/metrics", "/api/v1/openapi.json", "/api/v1/openapi.yaml"}


def _schemas_of_responses():
    for method, path, operation, _ in operations(SPEC):
        for status, response in operation["responses"].items():
            where = f"{operation['operationId']} {status}"
            if "$ref" in response:
                name = response["$ref"].split("/")[-1]
                response = SPEC["components"]["responses"][name]
            for media, content in (response.get("content") or {}).items():
                yield where, status, media, content.get("schema")


def test_every_json_body_is_a_component_schema():
    for where, _, media, schema in _schemas_of_responses():
        if media != "application/json":
            continue
        if schema.get("type") == "array":
            schema = schema["items"]
        assert set(schema) == {"$ref"} and schema["$ref"].startswith("#/components/schemas/"), \
            f"{where}: the JSON body must be (an array of) a schema in components/schemas, not {schema}"
    for method, path, operation, _ in operations(SPEC):
        body = operation.get("requestBody")
        if body and "application/json" in body["content"]:
            schema = body["content"]["application/json"]["schema"]
            assert schema.get("$ref", "").startswith("#/components/schemas/"), f"{operation['operationId']}: request body {schema}"


def test_error_statuses_use_the_shared_error_schemas():
    shared = {"400", "401", "403", "404", "413", "415", "422"}
    for where, status, media, schema in _schemas_of_responses():
        if status.startswith("4"):
            assert status in shared, f"{where}: undocumented error status"
            assert media == "application/json", where
            expected = "ValidationError" if status == "422" else "Error"
            assert schema == {"$ref": f"#/components/schemas/{expected}"}, f"{where}: {schema}"


def _walk(node, at=""):
    if isinstance(node, dict):
        yield at, node
        for key, value in node.items():
            yield from _walk(value, f"{at}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{at}/{i}")


def test_object_schemas_are_closed_and_list_only_real_required_fields():
    open_on_purpose = {"/OpenApiDocument"}
    for at, node in _walk(SPEC["components"]["schemas"]):
        props = node.get("properties")
        if isinstance(props, dict) and node.get("type") == "object":
            if at not in open_on_purpose:
                assert node.get("additionalProperties") is False, f"components/schemas{at} should have additionalProperties: false"
            for name in node.get("required", []):
                assert name in props, f"components/schemas{at}: required {name} is not a property"
        if node.get("format") == "uuid" or node.get("format") == "date":
            assert "string" in ([node["type"]] if isinstance(node.get("type"), str) else node.get("type", [])), at
    for at, node in _walk(SPEC):
        if isinstance(node.get("type"), list):
            assert node["type"][-1] == "null" and len(node["type"]) == 2, f"{at}: nullable types are written [type, 'null']"


def test_every_path_parameter_is_declared_with_its_name():
    for method, path, operation, shared in operations(SPEC):
        names = set(re.findall(r"\{([^}]+)\}", path))
        declared = set()
        for p in list(shared) + list(operation.get("parameters", [])):
            if "$ref" in p:
                p = SPEC["components"]["parameters"][p["$ref"].split("/")[-1]]
            if p["in"] == "path":
                declared.add(p["name"])
                assert p.get("required") is True
        assert names == declared, f"{operation['operationId']}: path {names}, declared {declared}"


# =====================================================================================
# The document against the Swift code and the README
# =====================================================================================

def _strip_comments_and_strings(source: str) -> str:
    """Blanks comments and the inside of string literals, keeping the quotes and positions."""
    out, i, n = [], 0, len(source)
    while i < n:
        if source.startswith("//", i):
            j = source.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i)); i = j
        elif source.startswith("/*", i):
            j = source.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", source[i:j])); i = j
        elif source.startswith('"""', i):
            j = source.find('"""', i + 3)
            j = n if j < 0 else j + 3
            out.append('"""' + re.sub(r"[^\n]", " ", source[i + 3:j - 3]) + '"""'); i = j
        elif source[i] == '"':
            j, depth = i + 1, 0
            while j < n:
                if source[j] == "\\" and source.startswith("\\(", j):
                    depth += 1; j += 2; continue
                if source[j] == "\\":
                    j += 2; continue
                if depth and source[j] == ")":
                    depth -= 1
                elif not depth and source[j] == '"':
                    break
                j += 1
            out.append('"' + " " * (j - i - 1) + '"'); i = j + 1
        else:
            out.append(source[i]); i += 1
    return "".join(out)


def _arguments(source: str, open_paren: int) -> tuple[list[str], int]:
    """The top-level arguments of the call whose `(` is at `open_paren`, and the index after `)`."""
    depth, start, args, i = 0, open_paren + 1, [], open_paren
    in_string = False
    while i < len(source):
        c = source[i]
        if in_string:
            if c == "\\":
                i += 2; continue
            if c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append(source[start:i].strip())
                return [a for a in args if a], i + 1
        elif c == "," and depth == 1:
            args.append(source[start:i].strip()); start = i + 1
        i += 1
    raise ValueError("unbalanced call")


def _literal(arg: str) -> str | None:
    m = re.fullmatch(r'"([^"\\]*)"', arg)
    return m.group(1) if m else None


def code_routes() -> set[tuple[str, str]]:
    """Routes registered with literal path segments (`app.get("healthz")`, `api.grouped("api", "v1")`,
    `partnership.on(.POST, "imports", …)`). The pages use SiteRoute values, not literals, and are left out."""
    routes = set()
    for file in sorted((SWIFT_SOURCES).rglob("*.swift")):
        text = file.read_text(encoding="utf-8")
        prefixes = {"app": [], "routes": [], "builder": []}
        for m in re.finditer(r"\blet\s+(\w+)\s*=\s*(\w+)\s*\.grouped\(", text):
            name, base = m.group(1), m.group(2)
            if base not in prefixes:
                continue
            segments = list(prefixes[base])
            i = m.end() - 1
            while True:
                args, i = _arguments(text, i)
                segments += [s for s in map(_literal, args) if s is not None]
                nxt = re.match(r"\s*\.grouped\(", text[i:])
                if not nxt:
                    break
                i += nxt.end() - 1
            prefixes[name] = segments
        for m in re.finditer(r"\b(\w+)\.(get|post|put|patch|delete|on|upload)\(", text):
            receiver, verb = m.group(1), m.group(2)
            if receiver not in prefixes:
                continue
            args, _ = _arguments(text, m.end() - 1)
            if verb == "upload":  # BodyLimits.swift: `upload(["a", "b"], use:)` is a POST that streams its body
                listed = re.fullmatch(r"\[(.*)\]", args[0].strip(), re.S) if args else None
                if not listed:
                    continue
                verb, args = "POST", [a.strip() for a in listed.group(1).split(",")] + args[1:]
            if verb == "on":
                method = re.fullmatch(r"\.([A-Z]+)", args[0])
                if not method:
                    continue
                verb, args = method.group(1), args[1:]
            segments, literal = [], True
            for arg in args:
                if re.match(r"^\w+\s*:", arg):  # use:, body:
                    break
                value = _literal(arg)
                if value is None:
                    literal = False
                    break
                segments.append(value)
            if not literal or not (prefixes[receiver] + segments):
                continue
            parts = [re.sub(r"^:(\w+)$", r"{\1}", s) for s in prefixes[receiver] + segments]
            routes.add((verb.upper(), "/" + "/".join(parts)))
    return routes


def test_the_document_describes_exactly_the_routes_the_code_registers():
    code = code_routes()
    described = spec_routes(SPEC)
    assert ("GET", "/api/v1/me") in code and ("GET", "/healthz") in code, f"the route parser found too little: {sorted(code)}"
    undocumented = sorted(code - described)
    missing = sorted(described - code)
    assert not undocumented and not missing, (
        f"routes the code registers that the document does not describe: {undocumented}\n"
        f"operations the document describes that the code does not register: {missing}")


def readme_routes() -> set[tuple[str, str]]:
    text = README_PATH.read_text(encoding="utf-8")
    section = re.search(r"^## API\s*$(.*?)(?=^## )", text, re.M | re.S)
    assert section, "README.md has no ## API section"
    pairs = set()
    rows = [line for line in section.group(1).splitlines() if line.startswith("|")]
    assert rows, "the ## API section has no table"
    for row in rows:
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]]
        first = cells[0]
        if not first or set(first) <= set("-: ") or "`" not in first:
            continue  # header or separator
        methods, paths = [], []
        for token in re.findall(r"`([^`]+)`", first):
            m = re.fullmatch(r"(GET|POST|PUT|PATCH|DELETE)(?:\s+(\S+))?", token)
            if m:
                methods.append(m.group(1))
                if m.group(2):
                    paths.append(m.group(2))
            elif token.startswith("/"):
                paths.append(token)
            else:
                raise AssertionError(f"README API row not understood: {row}")
        resolved = []
        for p in paths:
            p = p.split("?")[0]
            if not p.startswith(("/api/", "/healthz", "/metrics")) and resolved:
                # `… /reviews` and `/reviews/{id}`: relative to the path before it.
                first_segment = p.strip("/").split("/")[0]
                previous = resolved[-1].split("/")
                assert first_segment in previous, f"README API row: cannot place {p}: {row}"
                p = "/".join(previous[:previous.index(first_segment)]) + p
            resolved.append(p)
        assert methods and resolved, f"README API row has no method or path: {row}"
        pairs |= {(m, normalise(p)) for m in methods for p in resolved}
    return pairs


def test_readme_api_table_lists_exactly_the_documented_operations():
    readme = readme_routes()
    described = {(m, normalise(p)) for m, p in spec_routes(SPEC)}
    assert readme == described, (
        f"in the document but not in the README's API table: {sorted(described - readme)}\n"
        f"in the README's API table but not in the document: {sorted(readme - described)}")


# ---- the Swift Content structs against the component schemas -------------------------------

SWIFT_TO_SCHEMA = {
    # Swift type (qualified by its enclosing types)       the schema (a JSON pointer under components/schemas)
    "Health.Status": "/HealthStatus",
    "ErrorResponseMiddleware.ErrorJSON": "/Error",
    "FieldError": "/FieldError",
    "RegisterAPI.OrganisationJSON": "/Organisation",
    "RegisterAPI.ContributionJSON": "/Contribution",
    "RegisterAPI.FinanceJSON": "/Finance",
    "RegisterAPI.GroupJSON": "/Group",
    "RegisterAPI.MeJSON": "/Me",
    "RegisterAPI.MeJSON.Partnership": "/Me/properties/partnerships/items",
    "PerformanceAPI.IndicatorJSON": "/Indicator",
    "PerformanceAPI.PointJSON": "/Point",
    "PerformanceAPI.ValuesJSON": "/IndicatorValues",
    "PerformanceAPI.ImportedJSON": "/ImportResult",
    "LearningAPI.OrganisationRefJSON": "/Action/properties/organisation",
    "LearningAPI.EvidenceJSON": "/Evidence",
    "LearningAPI.StatusChangeJSON": "/StatusChange",
    "LearningAPI.ActionJSON": "/Action",
    "LearningAPI.FindingJSON": "/Finding",
    "LearningAPI.RecommendationJSON": "/Recommendation",
    "LearningAPI.SourceJSON": "/SourceDetail",
    "LearningAPI.ChallengeEventJSON": "/ChallengeEvent",
    "ReviewsAPI.WorkingDaysJSON": "/WorkingDays",
    "ReviewsAPI.DeadlineJSON": "/Deadline",
    "ReviewsAPI.IncidentJSON": "/Incident",
    "ReviewsAPI.LocalReviewJSON": "/LocalReview",
    "ReviewsAPI.ThemeJSON": "/Themes/properties/themes/items",
    "ReviewsAPI.ThemesJSON": "/Themes",
}
# Optional in Swift, but always sent by the operations that use the schema.
ALWAYS_SENT = {("/SourceDetail", "findings"), ("/SourceDetail", "recommendations"), ("/SourceDetail", "challenge_events")}
API_NAMESPACES = ("RegisterAPI", "PerformanceAPI", "LearningAPI", "ReviewsAPI")


def swift_structs() -> dict[str, list[tuple[str, str]]]:
    """Every struct in the sources, by qualified name, with its stored `let` properties in order."""
    structs = {}
    for file in sorted(SWIFT_SOURCES.rglob("*.swift")):
        text = _strip_comments_and_strings(file.read_text(encoding="utf-8"))
        stack = []  # (name or None, depth at which its body opened)
        depth = 0
        pending = None
        for line in text.splitlines():
            decl = re.match(r"\s*(?:(?:public|internal|private|fileprivate|final|indirect)\s+)*(struct|enum|class|extension|actor)\s+([\w.]+)", line)
            if decl:
                pending = decl.group(2)
            prop = re.match(r"\s*(?:public\s+|internal\s+)?let\s+(\w+)\s*:\s*([^=]+?)\s*$", line)
            if prop and stack and stack[-1][0] and depth == stack[-1][1]:
                structs.setdefault(".".join(n for n, _ in stack if n), []).append((prop.group(1), prop.group(2)))
            for c in line:
                if c == "{":
                    depth += 1
                    stack.append((pending, depth))
                    if pending:
                        structs.setdefault(".".join(n for n, _ in stack if n), [])
                    pending = None
                elif c == "}":
                    depth -= 1
                    stack.pop()
    return structs


def _schema_at(path: str) -> dict:
    node = SPEC["components"]["schemas"]
    for part in path.strip("/").split("/"):
        node = node[part]
    return node


def _types(schema: dict) -> set[str]:
    if "$ref" in schema and "type" not in schema:
        schema = _schema_at(schema["$ref"].removeprefix("#/components/schemas"))
    t = schema.get("type", [])
    return {t} if isinstance(t, str) else set(t)


def _json_type(swift_type: str) -> tuple[str, bool]:
    optional = swift_type.endswith("?")
    base = swift_type.rstrip("?").strip()
    if base.startswith("[") and ":" in base:
        return "object", optional
    if base.startswith("["):
        return "array", optional
    return {"String": "string", "Int": "integer", "Double": "number", "Bool": "boolean", "UUID": "string"}.get(base, "object"), optional


def test_swift_content_structs_send_exactly_the_documented_fields():
    structs = swift_structs()
    problems = []
    for swift_name, schema_path in SWIFT_TO_SCHEMA.items():
        matches = [name for name in structs if name == swift_name or name.endswith("." + swift_name)]
        if len(matches) != 1:
            problems.append(f"{swift_name}: found {matches or 'nothing'} in Sources (update SWIFT_TO_SCHEMA if it moved)")
            continue
        fields = structs[matches[0]]
        schema = _schema_at(schema_path)
        props, required = schema["properties"], set(schema.get("required", []))
        if [f for f, _ in fields] and set(f for f, _ in fields) != set(props):
            problems.append(f"{swift_name} sends {sorted(f for f, _ in fields)}, {schema_path} describes {sorted(props)}")
            continue
        for name, swift_type in fields:
            json_type, optional = _json_type(swift_type)
            if not optional and name not in required:
                problems.append(f"{swift_name}.{name} is always sent; {schema_path} should list it in required")
            if optional and name in required and (schema_path, name) not in ALWAYS_SENT:
                problems.append(f"{swift_name}.{name} is optional; {schema_path} should not require it")
            types = _types(props[name]) or {"object"}
            if json_type not in types:
                problems.append(f"{swift_name}.{name}: Swift {swift_type}, schema type {sorted(types)}")
            if optional and (schema_path, name) not in ALWAYS_SENT and "null" not in types:
                problems.append(f"{swift_name}.{name} is optional; its schema type should allow null")
            if swift_type.rstrip("?") == "UUID":
                fmt = props[name].get("format") or _schema_at(props[name].get("$ref", "#/components/schemas/Uuid").removeprefix("#/components/schemas")).get("format")
                if fmt != "uuid":
                    problems.append(f"{swift_name}.{name} is a UUID; its schema should say format: uuid")
    # A new response struct in an API namespace must be described too.
    for name in structs:
        if name.split(".")[0] in API_NAMESPACES and name.count(".") >= 1 and structs[name]:
            if name not in SWIFT_TO_SCHEMA:
                problems.append(f"{name} is a struct of the API the document does not map (add it to the spec and SWIFT_TO_SCHEMA)")
    assert not problems, "\n".join(problems)


# =====================================================================================
# The live server
# =====================================================================================

SCENARIOS = {}


def scenario(operation_id):
    def register(fn):
        assert operation_id not in SCENARIOS
        SCENARIOS[operation_id] = fn
        return fn
    return register


def unique(label: str) -> str:
    return f"{label} {uuid.uuid4().hex[:8]}"


def fields(answer) -> set[str]:
    return {e["field"] for e in answer.json.get("errors", [])}


def same_id(a: str, b: str) -> bool:
    return a.lower() == b.lower()


class World:
    """What the demo holds, found through the API itself."""

    def __init__(self, admin, anonymous):
        self.admin = admin
        self.anonymous = anonymous
        self.me = admin.call("getMe", expect=200).json
        slugs = [p["slug"] for p in self.me["partnerships"]]
        assert slugs, "the administrator's token belongs to no partnership"
        self.slug = "calderdale" if "calderdale" in slugs else slugs[0]
        self.p = {"slug": self.slug}
        self._organisations = None

    def organisations(self):
        if self._organisations is None:
            self._organisations = self.admin.call("listOrganisations", path=self.p, expect=200).json
        return self._organisations

    def new_source(self, **extra):
        body = {"kind": "audit", "title": unique("API contract audit"), "reporting_year": "2024-25", "audit_type": "multi_agency", **extra}
        return self.admin.call("createSource", path=self.p, body=body, expect=201, body_conforms=True).json

    def new_recommendation(self, source_id=None):
        source_id = source_id or self.new_source()["id"]
        return self.admin.call("createRecommendation", path=self.p, body={"source_id": source_id, "text": unique("Recommendation")},
                               expect=201, body_conforms=True).json

    def new_action(self, owner=None, due_on="2030-01-31"):
        recommendation = self.new_recommendation()
        owner = owner or self.organisations()[0]["name"]
        body = {"recommendation_id": recommendation["id"], "text": unique("Action"), "owner_organisation": owner,
                "owner": "Head of safeguarding", "due_on": due_on}
        return self.admin.call("createAction", path=self.p, body=body, expect=201, body_conforms=True).json


@pytest.fixture(scope="session")
def world(admin, anonymous) -> World:
    return World(admin, anonymous)


RANDOM_ID = str(uuid.UUID(int=0x5AFE_5AFE))


def test_every_operation_has_a_live_scenario():
    assert set(SCENARIOS) == set(OPERATION_IDS), (
        f"operations without a live scenario: {sorted(set(OPERATION_IDS) - set(SCENARIOS))}; "
        f"scenarios for no operation: {sorted(set(SCENARIOS) - set(OPERATION_IDS))}")


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
def test_operation_against_the_live_server(operation_id, world):
    SCENARIOS[operation_id](world)


def _dummy_path(template: str) -> dict:
    names = re.findall(r"\{([^}]+)\}", template)
    values = {"slug": "calderdale", "id": RANDOM_ID, "key": "any", "year": "2023-24"}
    return {n: values[n] for n in names}


@pytest.mark.parametrize("operation_id", [i for i in OPERATION_IDS if i not in PUBLIC_OPERATIONS])
def test_operation_refuses_a_missing_or_forged_token(operation_id, anonymous, forged, contract):
    _, template, _, _ = contract.by_id[operation_id]
    answer = anonymous.call(operation_id, path=_dummy_path(template), expect=401)
    assert answer.headers["www-authenticate"] == "Bearer"
    answer = forged.call(operation_id, path=_dummy_path(template), expect=401)
    assert "invalid_token" in answer.headers["www-authenticate"]


# ---- system -----------------------------------------------------------------------------------

@scenario("getHealth")
def _(w):
    answer = w.anonymous.call("getHealth", expect=200)
    assert answer.json["status"] == "ok"


@scenario("getMetrics")
def _(w):
    # /metrics needs the scraper's token (SAFEGUARDING_METRICS_TOKEN), not an API token.
    # Its refusals (401 without the token, 404 when none is configured) are tested in SignInTests.
    token = os.environ.get("SAFEGUARDING_METRICS_TOKEN")
    if not token:
        pytest.skip("SAFEGUARDING_METRICS_TOKEN is not set: the server's /metrics is off")
    answer = w.anonymous.call("getMetrics", headers={"Authorization": f"Bearer {token}"}, expect=200)
    assert "# TYPE safeguarding_http_requests_total counter" in answer.text
    # An API token is not the metrics token (schemathesis sends one): a documented 401.
    w.anonymous.call("getMetrics", headers={"Authorization": "Bearer not-the-metrics-token"}, expect=401)


@scenario("getOpenApiJson")
def _(w):
    answer = w.anonymous.call("getOpenApiJson", expect=200)
    assert answer.json == load_spec(), "the served JSON is not the document in Sources/SafeguardingWeb/API/openapi.yaml"


@scenario("getOpenApiYaml")
def _(w):
    answer = w.anonymous.call("getOpenApiYaml", expect=200)
    assert yaml.safe_load(answer.text) == load_spec(), "the served YAML is not the document in Sources/SafeguardingWeb/API/openapi.yaml"


# ---- register ---------------------------------------------------------------------------------

@scenario("getMe")
def _(w):
    me = w.admin.call("getMe", expect=200).json
    role = {p["slug"]: p["role"] for p in me["partnerships"]}[w.slug]
    assert role == "administrator", "SAFEGUARDING_API_TOKEN should be an administrator's token"


@scenario("listOrganisations")
def _(w):
    organisations = w.admin.call("listOrganisations", path=w.p, expect=200).json
    assert organisations and len({o["id"] for o in organisations}) == len(organisations)
    assert {"local_authority", "integrated_care_board", "police"} <= {o["kind"] for o in organisations}
    w.admin.call("listOrganisations", path={"slug": "no-such-partnership"}, expect=404)


@scenario("createOrganisation")
def _(w):
    name = unique("API contract charity")
    body = {"name": name, "kind": "voluntary_sector", "sector": "voluntary", "type_description": "Charity",
            "contact_email": "Contact@Example.org"}
    created = w.admin.call("createOrganisation", path=w.p, body=body, expect=201, body_conforms=True).json
    assert created["name"] == name and created["contact_email"] == "contact@example.org"
    assert "lead_partner_role" not in created
    bad = w.admin.call("createOrganisation", path=w.p, body={"name": "", "kind": "boss", "sector": "x"}, expect=422, body_conforms=False)
    assert {"name", "kind", "sector"} <= fields(bad)
    bad = w.admin.call("createOrganisation", path=w.p, expect=422, body_conforms=False,
                       body={"name": unique("Agency"), "kind": "relevant_agency", "sector": "health", "lead_partner_role": "Chief"})
    assert fields(bad) == {"lead_partner_role"}
    clash = w.admin.call("createOrganisation", path=w.p, body=body, expect=422, body_conforms=True)
    assert "name" in fields(clash)
    w.admin.call("createOrganisation", path=w.p, raw_body=b"name=x", content_type="application/x-www-form-urlencoded", expect=415)
    w.admin.call("createOrganisation", path=w.p, body=[1, 2], expect=400)
    w.admin.call("createOrganisation", path={"slug": "no-such-partnership"}, body=body, expect=404)
    w.admin.call("createOrganisation", path=w.p, raw_body=b'{"name": "' + b"x" * (2 * 1024 * 1024 + 10) + b'"}',
                 content_type="application/json", expect=413)


@scenario("getOrganisation")
def _(w):
    for organisation in w.organisations()[:3]:
        answer = w.admin.call("getOrganisation", path={**w.p, "id": organisation["id"]}, expect=200)
        assert answer.json == organisation
    w.admin.call("getOrganisation", path={**w.p, "id": RANDOM_ID}, expect=404)
    w.admin.call("getOrganisation", path={**w.p, "id": "not-an-id"}, expect=404)


@scenario("updateOrganisation")
def _(w):
    body = {"name": unique("API contract trust"), "kind": "relevant_agency", "sector": "health", "contact_email": "a@example.org"}
    created = w.admin.call("createOrganisation", path=w.p, body=body, expect=201, body_conforms=True).json
    at = {**w.p, "id": created["id"]}
    new = {"name": unique("API contract trust renamed"), "kind": "relevant_agency", "sector": "health", "type_description": "NHS trust"}
    updated = w.admin.call("updateOrganisation", path=at, body=new, expect=200, body_conforms=True).json
    assert updated["id"] == created["id"] and updated["name"] == new["name"] and updated["type_description"] == "NHS trust"
    assert "contact_email" not in updated, "a field left out of PUT should be cleared"
    bad = w.admin.call("updateOrganisation", path=at, body={"name": "", "kind": "relevant_agency", "sector": "health",
                                                            "contact_email": "not an email"}, expect=422, body_conforms=False)
    assert {"name", "contact_email"} <= fields(bad)
    w.admin.call("updateOrganisation", path={**w.p, "id": RANDOM_ID}, body=new, expect=404)
    w.admin.call("updateOrganisation", path=at, raw_body=b"{}", content_type="text/plain", expect=415)


@scenario("getFinance")
def _(w):
    finance = w.admin.call("getFinance", path={**w.p, "year": "2023-24"}, expect=200).json
    assert (finance["reporting_year"], finance["first_day"], finance["last_day"]) == ("2023-24", "2023-04-01", "2024-03-31")
    assert finance["partnership"] == w.slug
    assert finance["total_pence"] == sum(c["amount_pence"] for c in finance["contributions"])
    assert finance["contributions"], "the demo has contributions for 2023-24"
    again = w.admin.call("getFinance", path={**w.p, "year": "2023-2024"}, expect=200).json
    assert again == finance
    empty = w.admin.call("getFinance", path={**w.p, "year": "2001-02"}, expect=200).json
    assert empty["contributions"] == [] and empty["total_pence"] == 0
    w.admin.call("getFinance", path={**w.p, "year": "2023"}, expect=404)


@scenario("listSubgroups")
def _(w):
    groups = w.admin.call("listSubgroups", path=w.p, expect=200).json
    assert "executive" in {g["kind"] for g in groups}
    ids = {g["id"] for g in groups}
    assert all(g.get("reports_to") in ids for g in groups if g.get("reports_to"))


# ---- performance ------------------------------------------------------------------------------

def _indicator_with_points(w):
    for indicator in w.admin.call("listIndicators", path=w.p, expect=200).json:
        values = w.admin.call("getIndicatorValues", path={**w.p, "key": indicator["key"]}, expect=200).json
        if values["points"]:
            return indicator, values
    pytest.fail("no indicator of the demo has values")


@scenario("listIndicators")
def _(w):
    indicators = w.admin.call("listIndicators", path=w.p, expect=200).json
    assert indicators and len({i["key"] for i in indicators}) == len(indicators)


@scenario("getIndicatorValues")
def _(w):
    indicator, values = _indicator_with_points(w)
    assert values["indicator"] == indicator
    w.admin.call("getIndicatorValues", path={**w.p, "key": "no_such_indicator"}, expect=404)


@scenario("importIndicatorValues")
def _(w):
    indicator = w.admin.call("listIndicators", path=w.p, expect=200).json[0]
    csv = f"indicator,period,value\n{indicator['key']},2015-16 Q1,12.5\n".encode()
    answer = w.admin.call("importIndicatorValues", path=w.p, raw_body=csv, content_type="text/csv", expect=200, body_conforms=True)
    assert answer.json == {"rows_written": 1}
    points = w.admin.call("getIndicatorValues", path={**w.p, "key": indicator["key"]}, expect=200).json["points"]
    assert any(p["period"] == "2015-16 Q1" and p["value"] == 12.5 and p["series"] == "local" for p in points)
    bad = w.admin.call("importIndicatorValues", path=w.p, content_type="text/csv", expect=422,
                       raw_body=b"indicator,period,value\nno_such_indicator,2023-24 Q9,abc\n")
    assert bad.json["errors"] and all(e.get("line") == 2 for e in bad.json["errors"])
    header = w.admin.call("importIndicatorValues", path=w.p, raw_body=b"indicator,period\nx,2023-24\n", content_type="text/csv", expect=422)
    assert [(e["field"], e.get("line")) for e in header.json["errors"]] == [("header", 1)]
    empty = w.admin.call("importIndicatorValues", path=w.p, raw_body=b"", content_type="text/csv", expect=422)
    assert fields(empty) == {"file"}


# ---- learning ---------------------------------------------------------------------------------

@scenario("listSources")
def _(w):
    sources = w.admin.call("listSources", path=w.p, expect=200).json
    assert sources
    audits = w.admin.call("listSources", path=w.p, query={"kind": "audit"}, expect=200).json
    assert audits and all(s["kind"] == "audit" for s in audits)
    year = w.admin.call("listSources", path=w.p, query={"year": "2023-24"}, expect=200).json
    assert year and all(s["reporting_year"] == "2023-24" for s in year)
    assert fields(w.admin.call("listSources", path=w.p, query={"kind": "gossip"}, expect=422)) == {"kind"}
    assert fields(w.admin.call("listSources", path=w.p, query={"year": "2023"}, expect=422)) == {"year"}


@scenario("createSource")
def _(w):
    body = {"kind": "audit", "title": unique("API contract audit"), "reporting_year": "2024-25", "audit_type": "front_door",
            "terms_of_reference": ["Referrals at the front door", "Strategy discussions"],
            "started_on": "2024-05-01", "completed_on": "2024-06-30"}
    source = w.admin.call("createSource", path=w.p, body=body, expect=201, body_conforms=True).json
    assert (source["kind"], source["title"], source["audit_type"]) == ("audit", body["title"], "front_door")
    assert source["terms_of_reference"] == body["terms_of_reference"]
    assert source["challenge_due_on"] == "2024-12-30", "the challenge event is due six months after completion"
    assert (source["findings"], source["recommendations"], source["challenge_events"]) == ([], [], [])
    bad = w.admin.call("createSource", path=w.p, body={"kind": "audit", "title": "", "reporting_year": "2024"}, expect=422, body_conforms=False)
    assert {"title", "reporting_year", "audit_type"} <= fields(bad)
    bad = w.admin.call("createSource", path=w.p, body={"kind": "rapid_review", "title": "x", "reporting_year": "2024-25"},
                       expect=422, body_conforms=False)
    assert fields(bad) == {"kind"}
    bad = w.admin.call("createSource", path=w.p, body={"kind": "scrutiny", "title": "x", "reporting_year": "2024-25"},
                       expect=422, body_conforms=False)
    assert fields(bad) == {"reviewer"}
    bad = w.admin.call("createSource", path=w.p, expect=422, body_conforms=True,
                       body={**body, "started_on": "2024-06-01", "completed_on": "2024-05-01"})
    assert fields(bad) == {"completed_on"}
    w.admin.call("createSource", path=w.p, raw_body=b"kind=audit", content_type="application/x-www-form-urlencoded", expect=415)


@scenario("getSource")
def _(w):
    sources = w.admin.call("listSources", path=w.p, expect=200).json
    details = [w.admin.call("getSource", path={**w.p, "id": s["id"]}, expect=200).json for s in sources]
    for summary, detail in zip(sources, details):
        assert {k: v for k, v in detail.items() if k not in ("findings", "recommendations", "challenge_events")} == summary
    # The nested shapes were all on show.
    assert any(d["findings"] for d in details)
    assert any(r["actions"] for d in details for r in d["recommendations"])
    assert any(a["evidence"] for d in details for r in d["recommendations"] for a in r["actions"])
    assert any(d["challenge_events"] for d in details)
    w.admin.call("getSource", path={**w.p, "id": RANDOM_ID}, expect=404)


@scenario("addFinding")
def _(w):
    at = {**w.p, "id": w.new_source()["id"]}
    finding = w.admin.call("addFinding", path=at, expect=201, body_conforms=True,
                           body={"kind": "area_for_improvement", "text": "Strategy discussions were late",
                                 "themes": "Information sharing, Domestic abuse, information sharing"}).json
    assert finding["themes"] == ["information sharing", "domestic abuse"] and finding["kind"] == "area_for_improvement"
    detail = w.admin.call("getSource", path=at, expect=200).json
    assert [f["id"] for f in detail["findings"]] == [finding["id"]]
    assert detail["stage"] == "findingsRecorded"
    bad = w.admin.call("addFinding", path=at, body={"kind": "opinion", "text": ""}, expect=422, body_conforms=False)
    assert fields(bad) == {"kind", "text"}
    w.admin.call("addFinding", path={**w.p, "id": RANDOM_ID}, body={"kind": "strength", "text": "x"}, expect=404, body_conforms=True)


@scenario("listRecommendations")
def _(w):
    everything = w.admin.call("listRecommendations", path=w.p, expect=200).json
    assert everything and all("actions" not in r and "judgement" not in r for r in everything)
    without = w.admin.call("listRecommendations", path=w.p, query={"without_actions": "true"}, expect=200).json
    assert {r["id"] for r in without} < {r["id"] for r in everything}
    with_actions = {a["recommendation_id"] for a in w.admin.call("listActions", path=w.p, expect=200).json}
    assert not {r["id"] for r in without} & with_actions
    assert w.admin.call("listRecommendations", path=w.p, query={"without_actions": "false"}, expect=200).json == everything


@scenario("createRecommendation")
def _(w):
    source = w.new_source()
    finding = w.admin.call("addFinding", path={**w.p, "id": source["id"]}, body={"kind": "strength", "text": "Good"}, expect=201).json
    first = w.admin.call("createRecommendation", path=w.p, body={"source_id": source["id"], "text": "Do one thing"},
                         expect=201, body_conforms=True).json
    second = w.admin.call("createRecommendation", path=w.p, body={"source_id": source["id"], "text": "Do another", "finding": finding["id"]},
                          expect=201, body_conforms=True).json
    assert (first["number"], second["number"]) == (1, 2) and first["actions"] == []
    assert same_id(second["finding_id"], finding["id"]) and same_id(first["source_id"], source["id"])
    bad = w.admin.call("createRecommendation", path=w.p, body={}, expect=422, body_conforms=False)
    assert fields(bad) == {"source_id", "text"}
    bad = w.admin.call("createRecommendation", path=w.p, body={"source_id": "3f2c", "text": "x"}, expect=422, body_conforms=False)
    assert fields(bad) == {"source_id"}
    w.admin.call("createRecommendation", path=w.p, body={"source_id": RANDOM_ID, "text": "x"}, expect=404, body_conforms=True)
    other = w.new_source()
    bad = w.admin.call("createRecommendation", path=w.p, body={"source_id": other["id"], "text": "x", "finding": finding["id"]}, expect=422)
    assert fields(bad) == {"finding"}


@scenario("listActions")
def _(w):
    everything = w.admin.call("listActions", path=w.p, expect=200).json
    assert everything
    assert [a["due_date"] for a in everything] == sorted(a["due_date"] for a in everything)
    by_status = {s: w.admin.call("listActions", path=w.p, query={"status": s}, expect=200).json
                 for s in ("open", "overdue", "done", "dropped", "all")}
    assert all(a["status"] in ("not_started", "in_progress") for a in by_status["open"])
    assert all(a["is_overdue"] and a["status"] in ("not_started", "in_progress") for a in by_status["overdue"])
    assert all(a["status"] == "done" for a in by_status["done"])
    assert all(a["status"] == "dropped" for a in by_status["dropped"])
    assert len(by_status["open"]) + len(by_status["done"]) + len(by_status["dropped"]) == len(by_status["all"]) == len(everything)
    owner = everything[0]["organisation"]["id"]
    theirs = w.admin.call("listActions", path=w.p, query={"organisation": owner}, expect=200).json
    assert theirs and all(same_id(a["organisation"]["id"], owner) for a in theirs)
    assert fields(w.admin.call("listActions", path=w.p, query={"status": "late"}, expect=422)) == {"status"}
    assert fields(w.admin.call("listActions", path=w.p, query={"organisation": "police"}, expect=422)) == {"organisation"}


@scenario("createAction")
def _(w):
    recommendation = w.new_recommendation()
    organisation = w.organisations()[1]
    body = {"recommendation_id": recommendation["id"], "text": "Train the front door team", "owner_organisation": organisation["name"],
            "owner": "Head of service", "due_on": "2030-01-31"}
    action = w.admin.call("createAction", path=w.p, body=body, expect=201, body_conforms=True).json
    assert (action["status"], action["is_overdue"], action["due_date"], action["evidence"]) == ("not_started", False, "2030-01-31", [])
    assert action["organisation"] == {"id": organisation["id"], "name": organisation["name"]}
    assert same_id(action["recommendation_id"], recommendation["id"]) and same_id(action["source_id"], recommendation["source_id"])
    late = w.admin.call("createAction", path=w.p, body={**body, "owner_organisation": organisation["id"], "due_on": "2020-01-31"},
                        expect=201, body_conforms=True).json
    assert late["is_overdue"] is True and late["organisation"]["id"] == organisation["id"]
    assert [change["status"] for change in late["history"]] == ["not_started"] and late["history"][0]["changed_on"] == late["raised_on"]
    typed_in = w.admin.call("createAction", path=w.p, body={**body, "due_on": "2020-01-31", "raised_on": "2019-11-04"},
                            expect=201, body_conforms=True).json
    assert (typed_in["raised_on"], typed_in.get("closed_on"), typed_in["history"][0]["changed_on"]) == ("2019-11-04", None, "2019-11-04")
    bad = w.admin.call("createAction", path=w.p, body={**body, "due_on": "2020-01-31", "raised_on": "2020-02-01"}, expect=422, body_conforms=True)
    assert fields(bad) == {"raised_on"}
    bad = w.admin.call("createAction", path=w.p, expect=422, body_conforms=False,
                       body={"recommendation_id": "x", "text": "", "owner_organisation": "", "owner": "", "due_on": "2030-02-30"})
    assert fields(bad) == {"recommendation_id", "text", "owner_organisation", "owner", "due_on"}
    bad = w.admin.call("createAction", path=w.p, body={**body, "owner_organisation": "Nobody Ltd"}, expect=422, body_conforms=True)
    assert fields(bad) == {"owner_organisation"}
    w.admin.call("createAction", path=w.p, body={**body, "recommendation_id": RANDOM_ID}, expect=404, body_conforms=True)


@scenario("getAction")
def _(w):
    for action in w.admin.call("listActions", path=w.p, expect=200).json[:5]:
        assert w.admin.call("getAction", path={**w.p, "id": action["id"]}, expect=200).json == action
    w.admin.call("getAction", path={**w.p, "id": RANDOM_ID}, expect=404)


@scenario("updateAction")
def _(w):
    at = {**w.p, "id": w.new_action()["id"]}
    bad = w.admin.call("updateAction", path=at, body={"status": "done"}, expect=422, body_conforms=True)
    assert fields(bad) == {"status"}, "done without evidence of impact is refused"
    bad = w.admin.call("updateAction", path=at, body={"status": "dropped"}, expect=422, body_conforms=False)
    assert fields(bad) == {"dropped_reason"}
    bad = w.admin.call("updateAction", path=at, body={"status": "finished"}, expect=422, body_conforms=False)
    assert fields(bad) == {"status"}
    assert w.admin.call("updateAction", path=at, body={"status": "in_progress"}, expect=200, body_conforms=True).json["status"] == "in_progress"
    dropped = w.admin.call("updateAction", path=at, body={"status": "dropped", "dropped_reason": "Superseded"}, expect=200, body_conforms=True).json
    assert (dropped["status"], dropped["dropped_reason"]) == ("dropped", "Superseded")
    w.admin.call("updateAction", path={**w.p, "id": RANDOM_ID}, body={"status": "in_progress"}, expect=404)
    w.admin.call("updateAction", path=at, body="in_progress", expect=400)


@scenario("addEvidence")
def _(w):
    at = {**w.p, "id": w.new_action()["id"]}
    evidence = {"what_changed": "Strategy discussions now happen within a day", "how_we_know": "Re-audit of 20 cases",
                "reference": "https://example.org/re-audit"}
    action = w.admin.call("addEvidence", path=at, body=evidence, expect=201, body_conforms=True).json
    assert action["status"] == "not_started" and len(action["evidence"]) == 1
    recorded = action["evidence"][0]
    assert recorded["what_changed"] == evidence["what_changed"] and recorded["recorded_by"] == w.me["email"]
    assert abs((datetime.date.fromisoformat(recorded["recorded_on"]) - datetime.date.today()).days) <= 1
    assert w.admin.call("updateAction", path=at, body={"status": "done"}, expect=200).json["status"] == "done"
    other = {**w.p, "id": w.new_action()["id"]}
    closed = w.admin.call("addEvidence", path=other, body={**evidence, "mark_done": True}, expect=201, body_conforms=True).json
    assert closed["status"] == "done"
    bad = w.admin.call("addEvidence", path=other, body={"what_changed": "", "how_we_know": "", "reference": "ftp://x y"},
                       expect=422, body_conforms=False)
    assert fields(bad) == {"what_changed", "how_we_know", "reference"}
    w.admin.call("addEvidence", path={**w.p, "id": RANDOM_ID}, body=evidence, expect=404)


# ---- reviews ----------------------------------------------------------------------------------

@scenario("getWorkingDays")
def _(w):
    forward = w.admin.call("getWorkingDays", query={"from": "2023-12-22", "add": 5}, expect=200).json
    assert forward["date"] == "2024-01-03", "Christmas, Boxing Day and New Year's Day are not working days"
    assert "working_days" not in forward
    count = w.admin.call("getWorkingDays", query={"from": "2023-12-22", "to": "2024-01-03"}, expect=200).json
    assert count["working_days"] == 5 and "date" not in count
    back = w.admin.call("getWorkingDays", query={"from": "2024-01-03", "add": -5}, expect=200).json
    assert back["date"] == "2023-12-22"
    assert fields(w.admin.call("getWorkingDays", query={"add": 5}, expect=422)) == {"from"}
    assert fields(w.admin.call("getWorkingDays", query={"from": "2023-12-22", "add": 5, "to": "2024-01-03"}, expect=422)) == {"add"}
    assert fields(w.admin.call("getWorkingDays", query={"from": "2023-12-22", "add": "five"}, expect=422)) == {"add"}
    unknown = w.admin.call("getWorkingDays", query={"from": "1950-06-01", "add": 5}, expect=422)
    assert fields(unknown) == {"from"}
    assert forward["bank_holidays_known"].split()[0] in unknown.json["errors"][0]["message"], "the 422 says which years are known"


@scenario("listIncidents")
def _(w):
    incidents = w.admin.call("listIncidents", path=w.p, expect=200).json
    assert incidents
    assert all(d["kind"] in ("notification", "rapid_review") for i in incidents for d in i["deadlines"])
    assert [i["aware_on"] for i in incidents] == sorted((i["aware_on"] for i in incidents), reverse=True)


@scenario("createIncident")
def _(w):
    agencies = [o["id"] for o in w.organisations()[:2]]
    body = {"child_reference": "Child Q", "age_band": "5_9", "harm": "serious_harm", "aware_on": "2024-03-01",
            "summary": "A child was seriously harmed at home.", "care_leaver": False, "agencies": agencies}
    incident = w.admin.call("createIncident", path=w.p, body=body, expect=201, body_conforms=True).json
    assert (incident["child_reference"], incident["age_band"], incident["is_open"]) == ("Child Q", "5_9", True)
    assert [(d["kind"], d["due_date"]) for d in incident["deadlines"]] == [("notification", "2024-03-08")]
    assert incident["deadlines"][0]["missed"] is True
    rapid_review = w.admin.call("getSource", path={**w.p, "id": incident["learning_source_id"]}, expect=200).json
    assert rapid_review["kind"] == "rapid_review"
    bad = w.admin.call("createIncident", path=w.p, expect=422, body_conforms=False,
                       body={"child_reference": "", "age_band": "5_9", "harm": "injury", "aware_on": "2999-01-01", "summary": ""})
    assert fields(bad) == {"child_reference", "harm", "aware_on", "summary"}
    bad = w.admin.call("createIncident", path=w.p, body={**body, "agencies": [RANDOM_ID]}, expect=422, body_conforms=True)
    assert fields(bad) == {"agencies"}


@scenario("getIncident")
def _(w):
    for incident in w.admin.call("listIncidents", path=w.p, expect=200).json[:3]:
        assert w.admin.call("getIncident", path={**w.p, "id": incident["id"]}, expect=200).json == incident
    w.admin.call("getIncident", path={**w.p, "id": RANDOM_ID}, expect=404)


@scenario("listLocalReviews")
def _(w):
    reviews = w.admin.call("listLocalReviews", path=w.p, expect=200).json
    assert reviews
    assert all({d["kind"] for d in r["deadlines"]} <= {"copy_to_panel", "publication"} for r in reviews)


@scenario("getLocalReview")
def _(w):
    for review in w.admin.call("listLocalReviews", path=w.p, expect=200).json:
        assert w.admin.call("getLocalReview", path={**w.p, "id": review["id"]}, expect=200).json == review
    w.admin.call("getLocalReview", path={**w.p, "id": RANDOM_ID}, expect=404)


@scenario("listThemes")
def _(w):
    w.admin.call("listThemes", path=w.p, expect=200)
    themes = w.admin.call("listThemes", path=w.p, query={"year": "2023-24"}, expect=200).json
    assert themes["years"] == ["2020-21", "2021-22", "2022-23", "2023-24"]
    assert themes["themes"] and all(t["reviews"] == len(t["review_titles"]) for t in themes["themes"])
    assert fields(w.admin.call("listThemes", path=w.p, query={"year": "last"}, expect=422)) == {"year"}


# ---- a contributor: what the role may and may not do ------------------------------------------

@pytest.fixture(scope="session")
def contributor_world(world, contributor):
    me = contributor.call("getMe", expect=200).json
    membership = {p["slug"]: p for p in me["partnerships"]}[world.slug]
    assert membership["role"] == "contributor", "SAFEGUARDING_CONTRIBUTOR_TOKEN should be a contributor's token"
    own = next(o for o in world.organisations() if same_id(o["id"], membership["organisation_id"]))
    other = next(o for o in world.organisations() if not same_id(o["id"], own["id"]))
    return world, contributor, own, other


def test_contributor_may_not_record_what_administrators_record(contributor_world):
    w, c, own, other = contributor_world
    source = w.new_source()
    c.call("createOrganisation", path=w.p, body={"name": unique("Org"), "kind": "voluntary_sector", "sector": "voluntary"}, expect=403)
    c.call("createSource", path=w.p, body={"kind": "audit", "title": "x", "reporting_year": "2024-25", "audit_type": "front_door"}, expect=403)
    c.call("addFinding", path={**w.p, "id": source["id"]}, body={"kind": "strength", "text": "x"}, expect=403)
    c.call("createRecommendation", path=w.p, body={"source_id": source["id"], "text": "x"}, expect=403)
    recommendation = w.new_recommendation()
    c.call("createAction", path=w.p, expect=403, body={"recommendation_id": recommendation["id"], "text": "x", "owner_organisation": own["name"],
                                                       "owner": "x", "due_on": "2030-01-01"})


def test_contributor_updates_only_their_own_organisation_and_only_its_details(contributor_world):
    w, c, own, other = contributor_world
    c.call("updateOrganisation", path={**w.p, "id": other["id"]}, body={k: v for k, v in other.items() if k not in ("id", "kind_label")}, expect=403)
    body = {k: v for k, v in own.items() if k not in ("id", "kind_label")}
    updated = c.call("updateOrganisation", path={**w.p, "id": own["id"]}, body={**body, "name": "Renamed by a contributor"},
                     expect=200, body_conforms=True).json
    assert updated == own, "the name is kept: a contributor changes only the details"


def test_contributor_updates_only_their_own_organisations_actions(contributor_world):
    w, c, own, other = contributor_world
    theirs = w.new_action(owner=own["name"])
    not_theirs = w.new_action(owner=other["name"])
    c.call("updateAction", path={**w.p, "id": not_theirs["id"]}, body={"status": "in_progress"}, expect=403)
    c.call("addEvidence", path={**w.p, "id": not_theirs["id"]}, body={"what_changed": "x", "how_we_know": "y"}, expect=403)
    assert c.call("updateAction", path={**w.p, "id": theirs["id"]}, body={"status": "in_progress"}, expect=200).json["status"] == "in_progress"
    done = c.call("addEvidence", path={**w.p, "id": theirs["id"]}, body={"what_changed": "x", "how_we_know": "y", "mark_done": True}, expect=201).json
    assert done["status"] == "done"


def test_contributor_imports_only_their_organisations_indicators(contributor_world):
    w, c, own, other = contributor_world
    indicators = c.call("listIndicators", path=w.p, expect=200).json
    foreign = next(i for i in indicators if i.get("source_organisation") != own["name"])
    refused = c.call("importIndicatorValues", path=w.p, content_type="text/csv", expect=422,
                     raw_body=f"indicator,period,value\n{foreign['key']},2015-16 Q1,1\n".encode())
    assert [(e["field"], e.get("line")) for e in refused.json["errors"]] == [("indicator", 2)]


def test_contributor_reads_what_every_reader_reads(contributor_world):
    w, c, own, other = contributor_world
    for operation_id in ("listOrganisations", "listSubgroups", "listIndicators", "listSources", "listRecommendations",
                         "listActions", "listLocalReviews", "listThemes"):
        c.call(operation_id, path=w.p, expect=200)
    c.call("getFinance", path={**w.p, "year": "2023-24"}, expect=200)
