#!/usr/bin/env bash
# Deploys the synthesized local workload template to a fresh moto_server and checks the result:
# stack CREATE_COMPLETE, every contract output present, and each task definition's environment and
# secrets. A fresh moto per run because its delete-stack is unreliable.
#
# Usage: infra/scripts/deploy-to-moto.sh [template] [port]
# Needs: moto_server and aws (CLI v2) on PATH; run `./mvnw -q -pl infra package` first.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
template="${1:-$here/../target/cdk.out/nightshift-workload-local.template.json}"
port="${2:-5055}"
endpoint="http://127.0.0.1:$port"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
aws_local() { aws --endpoint-url "$endpoint" --region us-east-1 "$@"; }

moto_server -H 127.0.0.1 -p "$port" >"${TMPDIR:-/tmp}/moto-$port.log" 2>&1 &
moto_pid=$!
trap 'kill "$moto_pid" 2>/dev/null; wait "$moto_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -sf "$endpoint/moto-api/" >/dev/null 2>&1 && break
  sleep 0.2
done

secret_arn=$(aws_local secretsmanager create-secret --name secret-app-local \
  --secret-string '{"manifestSigningKey":"x","reportsTokenKey":"x"}' --query ARN --output text)
echo "secret: $secret_arn"

aws_local cloudformation create-stack --stack-name nightshift-workload-local \
  --template-body "file://$template" \
  --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM \
  --parameters "ParameterKey=AppSecretArn,ParameterValue=$secret_arn" >/dev/null

status=""
for _ in $(seq 1 120); do
  status=$(aws_local cloudformation describe-stacks --stack-name nightshift-workload-local \
    --query 'Stacks[0].StackStatus' --output text)
  case "$status" in *_IN_PROGRESS) sleep 1 ;; *) break ;; esac
done
echo "stack status: $status"
if [[ "$status" != "CREATE_COMPLETE" ]]; then
  aws_local cloudformation describe-stack-events --stack-name nightshift-workload-local \
    --query 'StackEvents[?contains(ResourceStatus, `FAILED`)].[LogicalResourceId,ResourceStatusReason]' --output text
  exit 1
fi

outputs=$(aws_local cloudformation describe-stacks --stack-name nightshift-workload-local --query 'Stacks[0].Outputs' --output json)
echo "$outputs" | python3 -c '
import json, sys
outputs = {o["OutputKey"]: o["OutputValue"] for o in json.load(sys.stdin)}
expected = ["DataBucketName", "StagingBucketName", "OutputBucketName", "IngestQueueUrl", "ReconQueueUrl",
            "RiskQueueUrl", "ReportQueueUrl", "IngestDeadLetterQueueUrl", "ReconDeadLetterQueueUrl",
            "RiskDeadLetterQueueUrl", "ReportDeadLetterQueueUrl", "ClusterName", "ReportsEndpoint"]
for key in expected:
    print(f"output {key} = {outputs.get(key)}")
missing = [k for k in expected if not outputs.get(k)]
if missing:
    sys.exit(f"missing outputs: {missing}")
'

# The inbound trigger, end to end. moto's CloudFormation accepts the data bucket's EventBridge
# setting but does not apply it, so it is switched on through the S3 API first (AWS needs no such step).
data_bucket=$(echo "$outputs" | python3 -c 'import json,sys; print({o["OutputKey"]: o["OutputValue"] for o in json.load(sys.stdin)}["DataBucketName"])')
aws_local s3api put-bucket-notification-configuration --bucket "$data_bucket" \
  --notification-configuration '{"EventBridgeConfiguration":{}}'
echo "probe" | aws_local s3 cp - "s3://$data_bucket/inbound/ledger/probe.csv" >/dev/null
echo "probe" | aws_local s3 cp - "s3://$data_bucket/elsewhere/probe.csv" >/dev/null
ingest_url="$endpoint/123456789012/sqs-ingest-local"
received=$(aws_local sqs receive-message --queue-url "$ingest_url" --max-number-of-messages 10 --wait-time-seconds 2 \
  --query 'Messages[].Body' --output json)
echo "$received" | python3 -c '
import json, sys
bodies = [json.loads(b) for b in (json.load(sys.stdin) or [])]
keys = [b["detail"]["object"]["key"] for b in bodies]
print(f"ingest queue received object keys: {keys}")
if keys != ["inbound/ledger/probe.csv"]:
    sys.exit("expected exactly the inbound/ object on the ingest queue")
'

failed=0
for family in $(aws_local ecs list-task-definition-families --status ACTIVE --query 'families[]' --output text); do
  aws_local ecs describe-task-definition --task-definition "$family" --output json | python3 -c '
import json, sys
td = json.load(sys.stdin)["taskDefinition"]
family = td["family"]
problems = []
for c in td["containerDefinitions"]:
    name = c["name"]
    env = {e["name"]: e["value"] for e in c.get("environment", [])}
    secrets = {s["name"]: s["valueFrom"] for s in c.get("secrets", [])}
    print(f"{family} container {name}: task cpu={td.get('"'"'cpu'"'"')} memory={td.get('"'"'memory'"'"')}")
    for k in sorted(env):
        print(f"    env    {k}={env[k]}")
    for k in sorted(secrets):
        print(f"    secret {k} <- {secrets[k]}")
    if family.startswith("task-" + name) and "MANIFEST_SIGNING_KEY" not in secrets:
        problems.append(f"{name}: no MANIFEST_SIGNING_KEY secret")
    if family.startswith("task-" + name) and env.get("MICRONAUT_SERVER_PORT") != "8080":
        problems.append(f"{name}: MICRONAUT_SERVER_PORT is not 8080")
if not any(family.startswith("task-" + c["name"]) for c in td["containerDefinitions"]):
    problems.append(f"{family}: no container named after its service")
if problems:
    sys.exit("; ".join(problems))
' || failed=1
done
if [[ "$failed" == 0 ]]; then echo "task definitions: OK"; fi
exit "$failed"
