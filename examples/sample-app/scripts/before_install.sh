#!/bin/sh
# BeforeInstall: make sure the app directory exists.
. "$(dirname "$0")/common.sh"
mkdir -p "$APP_DIR"
echo "deployment $DEPLOYMENT_ID of $APPLICATION_NAME/$DEPLOYMENT_GROUP_NAME preparing $APP_DIR"
