import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface AccessAnalysisArgs {
    readonly namePrefix: string;
    /** Create the region's account analyzer; false adopts the existing one (AWS allows one per account and region). @default true */
    readonly createAccessAnalyzer: boolean;
    readonly provider: aws.Provider;
}

/** IAM Access Analyzer (CIS 1.20): an account analyzer, reporting resources shared outside the account. */
export class AccessAnalysis extends pulumi.ComponentResource {
    /** The analyzer this stack created; undefined when it adopted the region's. */
    public readonly analyzer?: aws.accessanalyzer.Analyzer;

    constructor(name: string, args: AccessAnalysisArgs, opts?: pulumi.ComponentResourceOptions) {
        super("tap:monitoring:AccessAnalysis", name, {}, { ...opts, providers: { aws: args.provider } });
        if (args.createAccessAnalyzer) {
            this.analyzer = new aws.accessanalyzer.Analyzer(
                `${args.namePrefix}-access-analyzer`,
                {
                    analyzerName: `${args.namePrefix}-access-analyzer`,
                    type: "ACCOUNT", // CIS 1.20: external access to the account's resources
                },
                { parent: this, provider: args.provider },
            );
        }
        this.registerOutputs({ analyzerName: this.analyzer?.analyzerName });
    }
}
