#!/usr/bin/env python3
"""A CI pipeline written with boto3, unchanged from one that targets AWS, against Berth:
upload a bundle to a Berth bucket, register it, deploy it three times and wait, then
page through the deployments and through 250 applications with nextToken. Every raw
CodeDeploy and S3 response is recorded for aws_shapes.py's check.

  boto3_pipeline.py LOG APP_DIR   prints a JSON summary of what it saw

Endpoint, CA and credentials come from AWS_ENDPOINT_URL, AWS_CA_BUNDLE and the keys.
"""
import io
import json
import os
import sys
import zipfile

import boto3

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import aws_shapes  # noqa: E402  (the raw-body recorder)


def zipped(directory):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        for root, _, files in os.walk(directory):
            for name in files:
                path = os.path.join(root, name)
                z.write(path, os.path.relpath(path, directory))
    return data.getvalue()


def all_pages(call, key, **kwargs):
    items, pages = [], 0
    while True:
        page = call(**kwargs)
        items += page[key]
        pages += 1
        if "nextToken" not in page:
            return items, pages
        kwargs["nextToken"] = page["nextToken"]


def main(log, app_dir):
    s3 = boto3.client("s3")
    cd = boto3.client("codedeploy")
    aws_shapes.register(cd.meta.events, log)
    aws_shapes.register(s3.meta.events, log)
    out = {}

    s3.create_bucket(Bucket="pipeline")
    put = s3.put_object(Bucket="pipeline", Key="app.zip", Body=zipped(app_dir))
    cd.create_application(applicationName="shop")
    cd.create_deployment_group(
        applicationName="shop", deploymentGroupName="prod",
        deploymentConfigName="CodeDeployDefault.AllAtOnce",
        serviceRoleArn="arn:aws:iam::000000000000:role/unused",
        onPremisesInstanceTagFilters=[{"Key": "env", "Value": "it", "Type": "KEY_AND_VALUE"}])
    revision = {"revisionType": "S3",
                "s3Location": {"bucket": "pipeline", "key": "app.zip", "bundleType": "zip",
                               "eTag": put["ETag"].strip('"'), "version": put["VersionId"]}}
    cd.register_application_revision(applicationName="shop", revision=revision,
                                     description="from boto3")
    waiter = cd.get_waiter("deployment_successful")
    ids = []
    for _ in range(3):
        d = cd.create_deployment(applicationName="shop", deploymentGroupName="prod",
                                 revision=revision)
        waiter.wait(deploymentId=d["deploymentId"], WaiterConfig={"Delay": 1, "MaxAttempts": 120})
        ids.append(d["deploymentId"])
    out["created"] = ids
    info = cd.get_deployment(deploymentId=ids[-1])["deploymentInfo"]
    out["status"] = info["status"]
    out["overview"] = info["deploymentOverview"]
    out["deployments"], out["deployment_pages"] = all_pages(
        cd.list_deployments, "deployments", applicationName="shop", deploymentGroupName="prod")
    out["instances"] = cd.list_deployment_instances(deploymentId=ids[-1])["instancesList"]

    for i in range(249):
        cd.create_application(applicationName=f"app-{i:03d}")
    apps, out["application_pages"] = all_pages(cd.list_applications, "applications")
    out["applications"] = len(apps)
    out["first_application"], out["last_application"] = apps[0], apps[-1]

    try:
        cd.get_application(applicationName="nope")
    except cd.exceptions.ApplicationDoesNotExistException as e:
        out["missing"] = e.response["Error"]["Code"]
    try:
        cd.create_application(applicationName="shop")
    except cd.exceptions.ApplicationAlreadyExistsException as e:
        out["duplicate"] = e.response["Error"]["Code"]
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
