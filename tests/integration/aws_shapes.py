#!/usr/bin/env python3
"""The aws CLI and botocore against Berth's CodeDeploy-compatible API, recording every raw
response body, and a check of those bodies against botocore's model.

  aws_shapes.py cli LOG ARGS...            run `aws ARGS...` (the installed awscli), recording
  aws_shapes.py call LOG OP JSON [SKEW_S]  one botocore call; prints {"status","code","body"}
  aws_shapes.py s3 OP JSON [SKEW_S]        the same for one S3 call (not recorded)
  aws_shapes.py raw TARGET BODY            a SigV4-signed POST / with any X-Amz-Target
  aws_shapes.py check LOG                  every recorded body against its operation's shape

Credentials, endpoint and CA come from the usual AWS_* environment variables. botocore's
parser silently drops members it does not know, so the check reads the raw bodies: every
key must be a member of the output shape with the member's type, and every error __type
one the operation declares (or a request-level error: signature, time, access).
"""
import json
import os
import sys

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
        with open(log_path, "a") as log:
            body = response_dict.get("body") or b""
            log.write(json.dumps({"op": operation_model.name,
                                  "status": response_dict.get("status_code"),
                                  "body": body.decode("utf-8", "replace")}) + "\n")
    return record


def cli(log_path, args):
    import awscli.clidriver
    driver = awscli.clidriver.create_clidriver()
    driver.session.register("before-parse.codedeploy", recorder(log_path))
    return driver.main(args)


def client(log_path=None, service="codedeploy"):
    session = botocore.session.get_session()
    c = session.create_client(service)
    if log_path:
        c.meta.events.register("before-parse.codedeploy", recorder(log_path))
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


def check(log_path):
    model = botocore.session.get_session().get_service_model("codedeploy")
    problems, checked, ops = [], 0, set()
    for line in open(log_path):
        record = json.loads(line)
        op = model.operation_model(record["op"])
        status, text = record["status"], record["body"]
        where = f"{op.name} (HTTP {status})"
        checked += 1
        ops.add(op.name)
        try:
            body = json.loads(text) if text else {}
        except ValueError:
            problems.append(f"{where}: body is not JSON: {text[:200]}")
            continue
        if status < 300:
            if op.output_shape is None:
                if body != {}:
                    problems.append(f"{where}: has no output shape, got {text[:200]}")
            else:
                check_value(body, op.output_shape, where, problems)
        else:
            declared = {e.name for e in op.error_shapes}
            kind = body.get("__type", "").split("#")[-1]
            if set(body) - {"__type", "message"}:
                problems.append(f"{where}: error body has members besides __type and message")
            if kind not in declared and kind not in REQUEST_ERRORS:
                problems.append(f"{where}: __type {kind} is not an error {op.name} declares")
    print(json.dumps({"checked": checked, "operations": sorted(ops), "problems": problems}))
    return 1 if problems else 0


def main(argv):
    if argv[1] == "cli":
        return cli(argv[2], argv[3:])
    if argv[1] == "call":
        return call(argv[2], argv[3], json.loads(argv[4]), int(argv[5]) if len(argv) > 5 else 0)
    if argv[1] == "s3":
        return call(None, argv[2], json.loads(argv[3]), int(argv[4]) if len(argv) > 4 else 0, "s3")
    if argv[1] == "raw":
        return raw(argv[2], argv[3])
    if argv[1] == "check":
        return check(argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
