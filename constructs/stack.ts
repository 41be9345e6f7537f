import { Construct, IConstruct } from "constructs";
import { Aspects, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider/index.js";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity/index.js";
import {
  ALLOWED_REGIONS,
  AllowedRegion,
  Environment,
  ForceTags,
  Platform,
  SansoConstructError,
  TAG,
} from "./core.js";

/** Properties of a {@link SansoStack}. */
export interface SansoStackProps {
  /** `gcas` (Government Cloud account) or `standalone` (an account the municipality runs). */
  readonly platform: Platform;
  /** `production` or `development` (第73条第1項); becomes the `sanso:environment` tag. */
  readonly environment: Environment;
  /** Region; `ap-northeast-1` by default. Only the allowed regions are accepted (第99条). */
  readonly region?: AllowedRegion;
  /** One line saying what the stack is; written to the stack metadata (`//.sanso.description`). */
  readonly description?: string;
  /** AWS account the stack may be applied to (provider `allowed_account_ids`). */
  readonly accountId?: string;
  /** Extra tags for every resource of the stack. */
  readonly tags?: Record<string, string>;
}

const STACK_SYMBOL = Symbol.for("sanso.SansoStack");

/**
 * A Terraform stack for one AWS account and region. It configures the AWS provider in an allowed
 * region, declares the environment and platform (as `default_tags`, as tags on every taggable
 * resource, and in the stack metadata under `"//": { "sanso": ... }`), and tells the constructs
 * inside it which platform rules apply.
 */
export class SansoStack extends TerraformStack {
  /** Returns the SansoStack that contains `scope`, or throws. */
  static of(scope: IConstruct): SansoStack {
    for (const s of [...scope.node.scopes].reverse()) {
      if ((s as unknown as Record<symbol, unknown>)[STACK_SYMBOL]) return s as SansoStack;
    }
    throw new SansoConstructError(
      scope,
      "sanso constructs must be created inside a SansoStack (it fixes region, platform and environment)",
    );
  }

  readonly platform: Platform;
  readonly environment: Environment;
  readonly region: AllowedRegion;
  readonly description?: string;
  readonly provider: AwsProvider;
  private identity?: DataAwsCallerIdentity;

  constructor(scope: Construct, id: string, props: SansoStackProps) {
    super(scope, id);
    Object.defineProperty(this, STACK_SYMBOL, { value: true });
    if (props.platform !== "gcas" && props.platform !== "standalone") {
      throw new SansoConstructError(this, `platform must be "gcas" or "standalone", got ${JSON.stringify(props.platform)}`);
    }
    if (props.environment !== "production" && props.environment !== "development") {
      throw new SansoConstructError(
        this,
        `environment must be "production" or "development" (第73条), got ${JSON.stringify(props.environment)}`,
      );
    }
    const region = props.region ?? "ap-northeast-1";
    if (!(ALLOWED_REGIONS as readonly string[]).includes(region)) {
      throw new SansoConstructError(this, `region ${region} is not allowed (第99条: ${ALLOWED_REGIONS.join(", ")})`);
    }
    this.platform = props.platform;
    this.environment = props.environment;
    this.region = region;
    this.description = props.description;
    const tags = {
      ...(props.tags ?? {}),
      [TAG.environment]: props.environment,
      [TAG.platform]: props.platform,
      [TAG.stack]: id,
    };
    this.provider = new AwsProvider(this, "aws", {
      region,
      allowedAccountIds: props.accountId ? [props.accountId] : undefined,
      defaultTags: [{ tags }],
    });
    Aspects.of(this).add(new ForceTags(tags));
  }

  /** `data.aws_caller_identity` of this stack (created once, on first use). */
  get accountId(): string {
    this.identity ??= new DataAwsCallerIdentity(this, "caller");
    return this.identity.accountId;
  }

  /** ARN of the account root principal (used for key-policy delegation to IAM). */
  get accountRootArn(): string {
    return `arn:aws:iam::${this.accountId}:root`;
  }

  /** Availability zones used by default: two zones of the region. */
  get defaultAvailabilityZones(): string[] {
    return this.region === "ap-northeast-1"
      ? ["ap-northeast-1a", "ap-northeast-1c"]
      : ["ap-northeast-3a", "ap-northeast-3b"];
  }

  /** Adds the sanso declaration (platform, environment, description) to the stack metadata. */
  override toTerraform(): any {
    const tf = super.toTerraform();
    tf["//"] = {
      ...(tf["//"] ?? {}),
      sanso: {
        platform: this.platform,
        environment: this.environment,
        region: this.region,
        ...(this.description ? { description: this.description } : {}),
      },
    };
    return tf;
  }
}
