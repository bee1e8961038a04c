namespace Insight.Analyzers.Tests.Infrastructure;

/// <summary>The usings test sources start with, as a service or an infrastructure project has them.</summary>
public static class Sources
{
    public const string Service = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon.DynamoDBv2;
        using Insight.Sdk;
        using Insight.Sdk.Aws;
        using Insight.Sdk.Events;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;

        namespace Plant;


        """;

    public const string Infrastructure = """
        using System.Collections.Generic;
        using Amazon.CDK;
        using Amazon.CDK.AWS.DynamoDB;
        using Amazon.CDK.AWS.EC2;
        using Amazon.CDK.AWS.Events;
        using Amazon.CDK.AWS.IAM;
        using Amazon.CDK.AWS.Lambda;
        using Amazon.CDK.AWS.SNS;
        using Constructs;

        namespace Plant.Infra;


        """;
}
