using System;
using System.Collections.Immutable;
using Insight.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Insight.Generators.Drift;

/// <summary>
/// INS104 and INS105: service code that wires itself instead of taking what the SDK provides — AWS clients built by
/// hand (each with its own configuration, credentials and connection pool, and invisible to the generated
/// permissions), and handlers that read environment variables the deployment already turned into TenantContext.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ServiceWiringAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        DiagnosticDescriptors.HandBuiltClient,
        DiagnosticDescriptors.EnvironmentVariableInHandler,
    ];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (DriftCompilation.Read(start.Compilation) is not { IsService: true, HandlerAttribute: not null } drift)
            {
                return;
            }

            var wiring = new Wiring(drift);
            if (wiring.ServiceClient is not null)
            {
                start.RegisterOperationAction(wiring.AnalyzeObjectCreation, OperationKind.ObjectCreation);
            }

            if (wiring.Environment is not null)
            {
                start.RegisterOperationAction(wiring.AnalyzeInvocation, OperationKind.Invocation);
                start.RegisterOperationAction(wiring.AnalyzeMethodReference, OperationKind.MethodReference);
            }
        });
    }

    private sealed class Wiring(DriftCompilation drift)
    {
        public INamedTypeSymbol? ServiceClient { get; } = drift.Symbols.AmazonServiceClient;

        public INamedTypeSymbol? Environment { get; } = drift.Symbols.Environment;

        private readonly INamedTypeSymbol? _serviceProvider = drift.Symbols.ServiceProvider;

        public void AnalyzeObjectCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Type is not INamedTypeSymbol { Name: var name } client || !name.EndsWith("Client", StringComparison.Ordinal) || !Common.KnownTypeSymbols.DerivesFrom(client, ServiceClient))
            {
                return;
            }

            // Built once in the startup class or in a DI factory is how a client should be made; elsewhere, only in a service.
            var owner = context.ContainingSymbol as INamedTypeSymbol ?? context.ContainingSymbol.ContainingType;
            if (owner is null || Common.KnownTypeSymbols.HasAttribute(owner, drift.FunctionStartupAttribute) || IsInServiceFactory(creation) || !drift.HasHandlers)
            {
                return;
            }

            var serviceInterface = ServiceInterface(client);
            var properties = serviceInterface is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(DriftFixProperties.ClientInterface, serviceInterface.ToDisplayString());
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.HandBuiltClient, creation.Syntax.GetLocation(), properties,
                client.Name, owner.Name, serviceInterface?.Name ?? "the service's client interface"));
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            ReportEnvironmentRead(context, invocation.TargetMethod, invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null, invocation.Syntax);
        }

        /// <summary><c>Func&lt;string, string?&gt; read = Environment.GetEnvironmentVariable;</c> reads the environment as a call does.</summary>
        public void AnalyzeMethodReference(OperationAnalysisContext context)
        {
            var reference = (IMethodReferenceOperation)context.Operation;
            ReportEnvironmentRead(context, reference.Method, null, reference.Syntax, "that each call of the method group names");
        }

        private void ReportEnvironmentRead(OperationAnalysisContext context, IMethodSymbol method, IOperation? argument, SyntaxNode syntax, string? named = null)
        {
            if (method.Name is not ("GetEnvironmentVariable" or "GetEnvironmentVariables" or "ExpandEnvironmentVariables")
                || !SymbolEqualityComparer.Default.Equals(method.ContainingType, Environment)
                || drift.ContainingHandler(context.ContainingSymbol) is not { } handler)
            {
                return;
            }

            var variable = argument?.ConstantValue is { HasValue: true, Value: string text } ? text : null;
            var member = variable switch
            {
                "INSIGHT_TENANT_ID" => "TenantId",
                "INSIGHT_ACCOUNT_ID" => "AccountId",
                "AWS_REGION" or "AWS_DEFAULT_REGION" => "Region",
                _ => null,
            };
            named ??= variable is not null ? $"'{variable}'" : argument is not null ? $"named by '{Excerpt.Of(argument.Syntax)}'" : "set";
            var advice = member is not null
                ? $"use TenantContext.{member}, which the SDK reads once at start-up"
                : "take FunctionEnvironment or an options class through the constructor, so tests and the local runner can supply it";

            var properties = ImmutableDictionary<string, string?>.Empty;
            if (member is not null)
            {
                if (drift.TenantInScope(context.ContainingSymbol) is { } tenant)
                {
                    properties = properties.Add(DriftFixProperties.TenantExpression, tenant).Add(DriftFixProperties.TenantMember, member);
                }
                else if (drift.EnclosingHandleAsync(context.ContainingSymbol) is not null)
                {
                    properties = properties.Add(DriftFixProperties.AddTenantParameter, DriftFixProperties.True).Add(DriftFixProperties.TenantMember, member);
                }
            }

            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EnvironmentVariableInHandler, syntax.GetLocation(), properties, handler.Name, named, advice));
        }

        /// <summary>Inside <c>provider => new AmazonSQSClient(...)</c> given to a DI registration.</summary>
        private bool IsInServiceFactory(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                // provider => …, or a keyed registration's (provider, key) => ….
                if (current is IDelegateCreationOperation { Type: INamedTypeSymbol { DelegateInvokeMethod.Parameters: { Length: 1 or 2 } parameters } }
                    && SymbolEqualityComparer.Default.Equals(parameters[0].Type, _serviceProvider))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The service interface of a client: <c>IAmazonDynamoDB</c> for <c>AmazonDynamoDBClient</c>.</summary>
        private static INamedTypeSymbol? ServiceInterface(INamedTypeSymbol client)
        {
            var expected = "I" + client.Name.Substring(0, client.Name.Length - "Client".Length);
            INamedTypeSymbol? fallback = null;
            foreach (var candidate in client.Interfaces)
            {
                if (candidate.Name == expected)
                {
                    return candidate;
                }

                if (fallback is null && candidate.Name.StartsWith("IAmazon", StringComparison.Ordinal) && candidate.Name != "IAmazonService")
                {
                    fallback = candidate;
                }
            }

            return fallback;
        }
    }
}
