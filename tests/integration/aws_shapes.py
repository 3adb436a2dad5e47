#!/usr/bin/env python3
"""The aws CLI and botocore against Berth's CodeDeploy-compatible API, recording every raw
response body, and a check of those bodies against botocore's model.

  aws_shapes.py cli LOG ARGS...            run `aws ARGS...` (the installed awscli), recording
  aws_shapes.py call LOG OP JSON [SKEW_S]  one botocore call; prints {"status","code","body"}
  aws_shapes.py s3 LOG OP JSON [SKEW_S]    the same for one S3 call
  aws_shapes.py raw TARGET BODY            a SigV4-signed POST / with any X-Amz-Target
  aws_shapes.py check LOG                  every recorded body against its operation's shape

Credentials, endpoint and CA come from the usual AWS_* environment variables. botocore's
parsers silently drop members they do not know, so the check reads the raw responses.
CodeDeploy (JSON): every key must be a member of the output shape with the member's type,
and every error __type one the operation declares (or a request-level error: signature,
time, access). S3 (XML): the root element is the one S3 documents for the operation, every
element a member of the output shape with the member's type, every x-amz-* header one the
shape declares, and every error an <Error> whose Code S3 documents with that HTTP status.
"""
import email.utils
import json
import os
import re
import sys
import xml.etree.ElementTree as ElementTree

import botocore.auth
import botocore.awsrequest
import botocore.compat
import botocore.exceptions
import botocore.httpsession
import botocore.session

REQUEST_ERRORS = {
    "AccessDeniedException", "InvalidSignatureException", "RequestTimeTooSkewed",
    "UnrecognizedClientException", "IncompleteSignatureException",
    "MissingAuthenticationTokenException",
    # What an operation of the model Berth does not support answers.
    "InvalidOperationException",
}


def recorder(log_path):
    def record(operation_model, response_dict, **_):
        service = operation_model.service_model.service_name
        body = response_dict.get("body") or b""
        entry = {"service": service, "op": operation_model.name,
                 "status": response_dict.get("status_code"),
                 # A streamed payload (GetObject's Body) is the object, not a shape.
                 "body": body.decode("utf-8", "replace") if isinstance(body, bytes) else None}
        if service == "s3":
            entry["headers"] = {k.lower(): v for k, v in response_dict["headers"].items()}
        with open(log_path, "a") as log:
            log.write(json.dumps(entry) + "\n")
    return record


def register(events, log_path):
    for service in ("codedeploy", "s3"):
        events.register(f"before-parse.{service}", recorder(log_path))


def cli(log_path, args):
    import awscli.clidriver
    driver = awscli.clidriver.create_clidriver()
    register(driver.session, log_path)
    return driver.main(args)


def client(log_path=None, service="codedeploy"):
    session = botocore.session.get_session()
    c = session.create_client(service)
    if log_path:
        register(c.meta.events, log_path)
    return c


def call(log_path, op, params, skew_s=0, service="codedeploy"):
    if skew_s:
        real = botocore.compat.get_current_datetime
        botocore.auth.get_current_datetime = (
            lambda remove_tzinfo=True: real(remove_tzinfo) + __import__("datetime").timedelta(
                seconds=skew_s))
    c = client(log_path, service)
    name = c.meta.method_to_api_mapping
    method = {v: k for k, v in name.items()}[op]
    try:
        body = getattr(c, method)(**params)
        body.pop("ResponseMetadata", None)
        print(json.dumps({"status": 200, "code": "", "body": body}, default=str))
    except botocore.exceptions.ClientError as e:
        print(json.dumps({"status": e.response["ResponseMetadata"]["HTTPStatusCode"],
                          "code": e.response["Error"]["Code"],
                          "message": e.response["Error"].get("Message", "")}))
    return 0


def raw(target, body):
    session = botocore.session.get_session()
    creds = session.get_credentials()
    url = os.environ["AWS_ENDPOINT_URL"] + "/"
    request = botocore.awsrequest.AWSRequest(
        method="POST", url=url, data=body.encode(),
        headers={"X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"})
    botocore.auth.SigV4Auth(creds, "codedeploy", "us-east-1").add_auth(request)
    http = botocore.httpsession.URLLib3Session(verify=os.environ["AWS_CA_BUNDLE"])
    response = http.send(request.prepare())
    print(json.dumps({"status": response.status_code, "body": response.text}))
    return 0


def check_value(value, shape, path, problems):
    t = shape.type_name
    if t == "structure":
        if not isinstance(value, dict):
            problems.append(f"{path}: {shape.name} must be an object")
            return
        for key, member in value.items():
            if key not in shape.members:
                problems.append(f"{path}.{key}: not a member of {shape.name}")
            else:
                check_value(member, shape.members[key], f"{path}.{key}", problems)
    elif t == "list":
        if not isinstance(value, list):
            problems.append(f"{path}: {shape.name} must be a list")
            return
        for i, item in enumerate(value):
            check_value(item, shape.member, f"{path}[{i}]", problems)
    elif t == "map":
        if not isinstance(value, dict):
            problems.append(f"{path}: {shape.name} must be a map")
            return
        for k, v in value.items():
            check_value(v, shape.value, f"{path}[{k}]", problems)
    elif t == "string":
        if not isinstance(value, str):
            problems.append(f"{path}: {shape.name} must be a string")
        elif shape.enum and value not in shape.enum:
            problems.append(f"{path}: \"{value}\" is not one of {shape.name}'s values")
    elif t in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(f"{path}: {shape.name} must be an integer")
    elif t in ("double", "float", "timestamp"):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            problems.append(f"{path}: {shape.name} ({t}) must be a number")
    elif t == "boolean":
        if not isinstance(value, bool):
            problems.append(f"{path}: {shape.name} must be true or false")


def check_codedeploy(op, status, text, where, problems):
    try:
        body = json.loads(text) if text else {}
    except ValueError:
        problems.append(f"{where}: body is not JSON: {text[:200]}")
        return
    if status < 300:
        if op.output_shape is None:
            if body != {}:
                problems.append(f"{where}: has no output shape, got {text[:200]}")
        else:
            check_value(body, op.output_shape, where, problems)
        return
    declared = {e.name for e in op.error_shapes}
    kind = body.get("__type", "").split("#")[-1]
    if set(body) - {"__type", "message"}:
        problems.append(f"{where}: error body has members besides __type and message")
    if kind not in declared and kind not in REQUEST_ERRORS:
        problems.append(f"{where}: __type {kind} is not an error {op.name} declares")


# The root element S3's documentation gives each operation's XML answer (the model
# leaves it to the parser, which ignores it).
S3_ROOTS = {
    "ListObjects": "ListBucketResult", "ListObjectsV2": "ListBucketResult",
    "ListBuckets": "ListAllMyBucketsResult",
    "CreateMultipartUpload": "InitiateMultipartUploadResult",
    "CompleteMultipartUpload": "CompleteMultipartUploadResult",
    "GetBucketVersioning": "VersioningConfiguration",
    "GetBucketLocation": "LocationConstraint",
}
# S3's error codes and the HTTP status it documents for each.
S3_ERRORS = {
    "AccessDenied": 403, "AuthorizationHeaderMalformed": 400, "BadDigest": 400,
    "BucketAlreadyExists": 409, "BucketAlreadyOwnedByYou": 409, "BucketNotEmpty": 409,
    "EntityTooLarge": 400, "EntityTooSmall": 400, "IncompleteBody": 400,
    "InternalError": 500, "InvalidAccessKeyId": 403, "InvalidArgument": 400,
    "InvalidBucketName": 400, "InvalidDigest": 400, "InvalidPart": 400,
    "InvalidPartOrder": 400, "InvalidRange": 416, "InvalidRequest": 400,
    "MalformedXML": 400, "MethodNotAllowed": 405, "MissingContentLength": 411,
    "NoSuchBucket": 404, "NoSuchKey": 404, "NoSuchUpload": 404, "NoSuchVersion": 404,
    "NotImplemented": 501, "OperationAborted": 409, "RequestTimeTooSkewed": 403,
    "ServiceUnavailable": 503, "SignatureDoesNotMatch": 403, "SlowDown": 503,
    "XAmzContentSHA256Mismatch": 400,
}
S3_ERROR_MEMBERS = {"Code", "Message", "Resource", "RequestId", "HostId", "BucketName", "Key",
                    "VersionId", "UploadId", "PartNumber", "ETag", "ArgumentName",
                    "ArgumentValue"}
# Headers every S3 response may carry, whatever its operation.
S3_ANY_HEADERS = {"x-amz-request-id", "x-amz-id-2"}
# Headers botocore's parser reads for these operations' results (S3 always sends them).
S3_REQUIRED_HEADERS = {"PutObject": ["etag"], "UploadPart": ["etag"],
                       "HeadObject": ["etag", "content-length", "last-modified"],
                       "GetObject": ["etag", "content-length", "last-modified"]}
ISO_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


def local(tag):
    return tag.split("}")[-1]


def xml_name(name, member):
    return member.serialization.get("name", name)


def check_scalar(text, shape, path, problems, header=False):
    t = shape.type_name
    if t in ("integer", "long"):
        if not re.fullmatch(r"-?\d+", text):
            problems.append(f"{path}: {shape.name} must be an integer, got {text!r}")
    elif t == "boolean":
        if text not in ("true", "false"):
            problems.append(f"{path}: {shape.name} must be true or false, got {text!r}")
    elif t == "timestamp":
        ok = ISO_TIME.match(text) if not header else _http_date(text)
        if not ok:
            problems.append(f"{path}: {shape.name} is not {'an HTTP date' if header else 'an ISO 8601 time'}: {text!r}")
    elif t == "string" and shape.enum and text not in shape.enum:
        problems.append(f"{path}: \"{text}\" is not one of {shape.name}'s values")


def _http_date(text):
    try:
        return email.utils.parsedate_to_datetime(text) is not None
    except (TypeError, ValueError):
        return False


def check_element(elem, shape, path, problems):
    t = shape.type_name
    children = list(elem)
    if t == "structure":
        members = {xml_name(n, m): m for n, m in shape.members.items()
                   if m.serialization.get("location") is None}
        for child in children:
            name = local(child.tag)
            member = members.get(name)
            if member is None:
                problems.append(f"{path}.{name}: not a member of {shape.name}")
            elif member.type_name == "list" and member.serialization.get("flattened"):
                check_element(child, member.member, f"{path}.{name}", problems)
            else:
                check_element(child, member, f"{path}.{name}", problems)
    elif t == "list":
        item = shape.member.serialization.get("name", "member")
        for i, child in enumerate(children):
            if local(child.tag) != item:
                problems.append(f"{path}[{i}]: a {shape.name} item is <{item}>, not <{local(child.tag)}>")
            else:
                check_element(child, shape.member, f"{path}[{i}]", problems)
    elif children:
        problems.append(f"{path}: {shape.name} ({t}) must be text, has elements")
    else:
        check_scalar(elem.text or "", shape, path, problems)


def check_s3_headers(op, status, headers, where, problems):
    shape = op.output_shape
    declared = {}
    prefixes = []
    for name, member in (shape.members.items() if shape else []):
        location = member.serialization.get("location")
        if location == "header":
            declared[member.serialization["name"].lower()] = member
        elif location == "headers":
            prefixes.append(member.serialization.get("name", "").lower())
    for key, value in headers.items():
        if key in declared:
            check_scalar(value, declared[key], f"{where} header {key}", problems, header=True)
        elif key.startswith("x-amz-") and key not in S3_ANY_HEADERS and not any(
                p and key.startswith(p) for p in prefixes):
            problems.append(f"{where}: header {key} is not one {op.name} declares")
    if status < 300:
        for key in S3_REQUIRED_HEADERS.get(op.name, []):
            if key not in headers:
                problems.append(f"{where}: no {key} header")


def check_s3(op, status, text, headers, where, problems):
    check_s3_headers(op, status, headers, where, problems)
    if text is None or op.http["method"] == "HEAD":
        return  # a streamed object, or no body at all
    if status >= 300:
        try:
            root = ElementTree.fromstring(text)
        except ElementTree.ParseError as e:
            problems.append(f"{where}: error body is not XML ({e}): {text[:200]}")
            return
        fields = {local(c.tag): (c.text or "") for c in root}
        if local(root.tag) != "Error":
            problems.append(f"{where}: error root is <{local(root.tag)}>, not <Error>")
        for name in set(fields) - S3_ERROR_MEMBERS:
            problems.append(f"{where}: <Error> has an unknown member <{name}>")
        code = fields.get("Code", "")
        if code not in S3_ERRORS:
            problems.append(f"{where}: error Code {code!r} is not one S3 answers")
        elif S3_ERRORS[code] != status:
            problems.append(f"{where}: {code} is HTTP {S3_ERRORS[code]} in S3, not {status}")
        if not fields.get("Message"):
            problems.append(f"{where}: {code} has no Message")
        return
    shape = op.output_shape
    body_members = {} if shape is None else {
        xml_name(n, m): m for n, m in shape.members.items()
        if m.serialization.get("location") is None}
    if not text.strip():
        if op.name in S3_ROOTS:
            problems.append(f"{where}: empty body, S3 answers <{S3_ROOTS[op.name]}>")
        return
    if not body_members:
        problems.append(f"{where}: has no body members, got {text[:200]}")
        return
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as e:
        problems.append(f"{where}: body is not XML ({e}): {text[:200]}")
        return
    name = local(root.tag)
    if op.name in S3_ROOTS and name != S3_ROOTS[op.name]:
        problems.append(f"{where}: root is <{name}>, S3 answers <{S3_ROOTS[op.name]}>")
    if name in body_members and len(body_members) == 1:
        check_element(root, body_members[name], f"{where} {name}", problems)
    else:
        check_element(root, shape, f"{where} {name}", problems)


def check(log_path):
    session = botocore.session.get_session()
    models = {name: session.get_service_model(name) for name in ("codedeploy", "s3")}
    problems, checked, ops = [], 0, set()
    for line in open(log_path):
        record = json.loads(line)
        service = record.get("service", "codedeploy")
        op = models[service].operation_model(record["op"])
        status, text = record["status"], record["body"]
        where = f"{op.name} (HTTP {status})"
        checked += 1
        ops.add(op.name)
        if service == "s3":
            check_s3(op, status, text, record.get("headers", {}), where, problems)
        else:
            check_codedeploy(op, status, text, where, problems)
    print(json.dumps({"checked": checked, "operations": sorted(ops), "problems": problems}))
    return 1 if problems else 0


def main(argv):
    if argv[1] == "cli":
        return cli(argv[2], argv[3:])
    if argv[1] == "call":
        return call(argv[2], argv[3], json.loads(argv[4]), int(argv[5]) if len(argv) > 5 else 0)
    if argv[1] == "s3":
        return call(argv[2], argv[3], json.loads(argv[4]), int(argv[5]) if len(argv) > 5 else 0, "s3")
    if argv[1] == "raw":
        return raw(argv[2], argv[3])
    if argv[1] == "check":
        return check(argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
