using System.Collections.Immutable;
using Insight.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Insight.Generators.Drift;

/// <summary>
/// INS106–INS110, in infrastructure code (compilations that reference Amazon.CDK.Lib): resources that cost money in
/// every idle tenant account (provisioned DynamoDB capacity, provisioned Lambda concurrency, NAT gateways),
/// schedules that fire at the same moment fleet-wide, and stacks pinned to one account or region, which a StackSet
/// cannot deploy everywhere.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InfrastructureDriftAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        DiagnosticDescriptors.ProvisionedBilling,
        DiagnosticDescriptors.ProvisionedConcurrency,
        DiagnosticDescriptors.NatGateway,
        DiagnosticDescriptors.ScheduleWithoutJitter,
        DiagnosticDescriptors.PinnedStack,
    ];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (DriftCompilation.Read(start.Compilation) is not { IsInfrastructure: true } drift)
            {
                return;
            }

            var cdk = new CdkSymbols(drift.Symbols, new System.Lazy<ValueFlow>(() => drift.Flow));
            start.RegisterOperationAction(cdk.AnalyzeAssignment, OperationKind.SimpleAssignment);
            start.RegisterOperationAction(cdk.AnalyzeObjectCreation, OperationKind.ObjectCreation);
            start.RegisterOperationAction(cdk.AnalyzeInvocation, OperationKind.Invocation);
        });
    }

    private sealed class CdkSymbols(Common.KnownTypeSymbols symbols, System.Lazy<ValueFlow> flow)
    {
        private readonly INamespaceSymbol _cdk = symbols.CdkStack!.ContainingNamespace;
        private readonly INamedTypeSymbol? _table = symbols.CdkDynamoDbTable;
        private readonly INamedTypeSymbol? _tableProps = symbols.CdkDynamoDbTableProps;
        private readonly INamespaceSymbol? _lambda = symbols.CdkLambdaFunction?.ContainingNamespace;
        private readonly INamedTypeSymbol? _vpc = symbols.CdkVpc;
        private readonly INamedTypeSymbol? _cfnNatGateway = symbols.CdkCfnNatGateway;
        private readonly INamedTypeSymbol? _schedule = symbols.CdkEventsSchedule;

        private INamespaceSymbol? DynamoDb => _table?.ContainingNamespace;

        private INamespaceSymbol? Ec2 => _vpc?.ContainingNamespace;

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property: var property })
            {
                return;
            }

            switch (property.Name)
            {
                case "BillingMode" or "ReadCapacity" or "WriteCapacity" or "Billing" or "ProvisionedThroughput":
                    // One report per props object, at its first provisioning setting; the fix rewrites them all.
                    if (ProvisionsCapacity(assignment) && !HasEarlierProvisioningSibling(assignment))
                    {
                        // Table props that only drop their capacities would fall back to the provisioned default: the fix sets on-demand too.
                        var properties = assignment.Parent?.Parent is IObjectCreationOperation owner && SymbolEqualityComparer.Default.Equals(owner.Type, _tableProps) && !Sets(owner, "BillingMode")
                            ? ImmutableDictionary<string, string?>.Empty.Add(DriftFixProperties.AddBillingMode, DriftFixProperties.True)
                            : null;
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ProvisionedBilling, assignment.Syntax.GetLocation(), properties, $"'{Excerpt.Of(assignment.Syntax)}'"));
                    }

                    break;
                // A per-tenant stack parameter (default zero) is what the rule's page recommends; it is not reported.
                case "ProvisionedConcurrentExecutions" or "ProvisionedConcurrencyConfig"
                    when DriftCompilation.IsIn(property.ContainingType, _lambda) && IsSetToSomething(assignment.Value) && !flow.Value.IsStackParameter(assignment.Value):
                    Report(context, DiagnosticDescriptors.ProvisionedConcurrency, assignment.Syntax, $"'{Excerpt.Of(assignment.Syntax)}'");
                    break;
                case "NatGateways" when DriftCompilation.IsIn(property.ContainingType, Ec2)
                    && DriftCompilation.Unwrap(assignment.Value)?.ConstantValue is { HasValue: true, Value: > 0 or > 0.0 }:
                    Report(context, DiagnosticDescriptors.NatGateway, assignment.Syntax, $"'{Excerpt.Of(assignment.Syntax)}'");
                    break;
                case "ScheduleExpression" when IsEventsOrScheduler(property.ContainingType)
                    && assignment.Value.ConstantValue is { HasValue: true, Value: string }:
                    Report(context, DiagnosticDescriptors.ScheduleWithoutJitter, assignment.Syntax, $"'{Excerpt.Of(assignment.Syntax)}'");
                    break;
                case "Env" when DriftCompilation.IsIn(property.ContainingType, _cdk) && PinnedTo(assignment.Value) is { } pinned:
                    Report(context, DiagnosticDescriptors.PinnedStack, assignment.Syntax, pinned);
                    break;
            }
        }

        public void AnalyzeObjectCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            var type = creation.Type;
            if (type is null)
            {
                return;
            }

            if (SymbolEqualityComparer.Default.Equals(type, _table))
            {
                // CDK's Table bills provisioned capacity (5 reads, 5 writes) unless told otherwise.
                if (PropsArgument(creation) is IObjectCreationOperation props && SymbolEqualityComparer.Default.Equals(props.Type, _tableProps)
                    && !Sets(props, "BillingMode") && !Sets(props, "ReadCapacity") && !Sets(props, "WriteCapacity"))
                {
                    var properties = ImmutableDictionary<string, string?>.Empty.Add(DriftFixProperties.AddBillingMode, DriftFixProperties.True);
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ProvisionedBilling, props.Syntax.GetLocation(), properties,
                        "'TableProps' without BillingMode (CDK's default is provisioned)"));
                }
            }
            else if (SymbolEqualityComparer.Default.Equals(type, _vpc))
            {
                // A Vpc gets one NAT gateway per availability zone unless NatGateways says otherwise.
                var props = PropsArgument(creation);
                if (props is null || (props is IObjectCreationOperation propsCreation && !Sets(propsCreation, "NatGateways")))
                {
                    Report(context, DiagnosticDescriptors.NatGateway, creation.Syntax, $"'{Excerpt.Of(creation.Syntax)}' (one NAT gateway per availability zone unless NatGateways = 0)");
                }
            }
            else if (SymbolEqualityComparer.Default.Equals(type, _cfnNatGateway))
            {
                Report(context, DiagnosticDescriptors.NatGateway, creation.Syntax, $"'{Excerpt.Of(creation.Syntax)}'");
            }
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (_schedule is null || !SymbolEqualityComparer.Default.Equals(method.ContainingType, _schedule))
            {
                return;
            }

            var fixedTime = method.Name switch
            {
                "Rate" => true,
                // A cron whose minute comes from a per-account value (a mapping, a parameter) is already spread.
                "Cron" => !(invocation.Arguments.Length > 0 && DriftCompilation.Unwrap(invocation.Arguments[0].Value) is IObjectCreationOperation options
                    && AssignedValue(options, "Minute") is { ConstantValue.HasValue: false }),
                "Expression" => invocation.Arguments.Length > 0 && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string },
                _ => false,
            };
            if (fixedTime)
            {
                Report(context, DiagnosticDescriptors.ScheduleWithoutJitter, invocation.Syntax, $"'{Excerpt.Of(invocation.Syntax)}'");
            }
        }

        private bool ProvisionsCapacity(ISimpleAssignmentOperation assignment)
        {
            if (assignment.Target is not IPropertyReferenceOperation { Property: var property } || !DriftCompilation.IsIn(property.ContainingType, DynamoDb))
            {
                return false;
            }

            var value = DriftCompilation.Unwrap(assignment.Value);
            return property.Name switch
            {
                "BillingMode" => value is IFieldReferenceOperation { Field.Name: "PROVISIONED" } || value?.ConstantValue.Value is "PROVISIONED",
                "Billing" => value is IInvocationOperation { TargetMethod.Name: "Provisioned" },
                // Numbers on table and index props; TableV2's ThroughputProps take Capacity objects inside Billing.Provisioned, reported there.
                "ReadCapacity" or "WriteCapacity" => IsNumber(property.Type) && IsSetToSomething(assignment.Value),
                "ProvisionedThroughput" => IsSetToSomething(assignment.Value),
                _ => false,
            };
        }

        private bool HasEarlierProvisioningSibling(ISimpleAssignmentOperation assignment)
        {
            if (assignment.Parent is not IObjectOrCollectionInitializerOperation initializer)
            {
                return false;
            }

            foreach (var sibling in initializer.Initializers)
            {
                if (sibling == assignment)
                {
                    return false;
                }

                if (sibling is ISimpleAssignmentOperation earlier && ProvisionsCapacity(earlier))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"account '123456789012'", "region 'eu-central-1'" or "the environment 'env'"; <c>null</c> when nothing is pinned.</summary>
        private static string? PinnedTo(IOperation value)
        {
            var unwrapped = DriftCompilation.Unwrap(value);
            if (unwrapped is null || unwrapped.ConstantValue is { HasValue: true, Value: null })
            {
                return null;
            }

            if (unwrapped is not IObjectCreationOperation environment)
            {
                return $"the environment '{Excerpt.Of(unwrapped.Syntax)}'";
            }

            var account = AssignedValue(environment, "Account");
            var region = AssignedValue(environment, "Region");
            var parts = new System.Collections.Generic.List<string>(2);
            if (account is not null && account.ConstantValue is not { HasValue: true, Value: null })
            {
                parts.Add($"account '{Describe(account)}'");
            }

            if (region is not null && region.ConstantValue is not { HasValue: true, Value: null })
            {
                parts.Add($"region '{Describe(region)}'");
            }

            return parts.Count == 0 ? null : string.Join(" and ", parts);
        }

        private static string Describe(IOperation value) =>
            value.ConstantValue is { HasValue: true, Value: string text } ? text : Excerpt.Of(value.Syntax);

        private static IOperation? PropsArgument(IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Name == "props")
                {
                    return argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Value.ConstantValue is { HasValue: true, Value: null }
                        ? null
                        : DriftCompilation.Unwrap(argument.Value);
                }
            }

            return null;
        }

        private static bool Sets(IObjectCreationOperation creation, string propertyName) => AssignedValue(creation, propertyName) is not null;

        private static IOperation? AssignedValue(IObjectCreationOperation creation, string propertyName)
        {
            if (creation.Initializer is null)
            {
                return null;
            }

            foreach (var initializer in creation.Initializer.Initializers)
            {
                if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: var name } } assignment && name == propertyName)
                {
                    return assignment.Value;
                }
            }

            return null;
        }

        private static bool IsNumber(ITypeSymbol type) =>
            (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type).SpecialType
                is SpecialType.System_Double or SpecialType.System_Int32 or SpecialType.System_Int64;

        private static bool IsSetToSomething(IOperation value) =>
            DriftCompilation.Unwrap(value)?.ConstantValue is not { HasValue: true, Value: null or 0 or 0.0 };

        private bool IsEventsOrScheduler(ISymbol type) =>
            DriftCompilation.IsIn(type, _schedule?.ContainingNamespace) || DriftCompilation.IsIn(type, symbols.CdkSchedulerNamespaceType?.ContainingNamespace);

        private static void Report(OperationAnalysisContext context, DiagnosticDescriptor descriptor, SyntaxNode node, string description) =>
            context.ReportDiagnostic(Diagnostic.Create(descriptor, node.GetLocation(), description));
    }
}
