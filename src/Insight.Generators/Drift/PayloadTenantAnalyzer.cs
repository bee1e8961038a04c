using System.Collections.Immutable;
using System.Linq;
using Insight.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Insight.Generators.Drift;

/// <summary>
/// INS103: a handler that reads the tenant from its event (<c>scan.TenantId</c>, a <c>tenant_id</c> header or query
/// parameter) to choose resources or to authorize. In an account-per-tenant fleet the tenant is the deployment's; a
/// payload can name any tenant, so trusting it lets one tenant's event act for another.
/// </summary>
/// <remarks>
/// Only handlers' <c>HandleAsync</c> bodies are looked at. Logging the payload's tenant, and comparing it with the
/// deployment's <c>TenantContext.TenantId</c> to reject a mismatch, are fine and not reported.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PayloadTenantAnalyzer : DiagnosticAnalyzer
{
    private static readonly string[] KeyedReads = ["GetValueOrDefault", "TryGetValue", "GetValue"];

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.PayloadTenantId];

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

            var logging = new LoggingApis(drift.Symbols);
            start.RegisterOperationBlockStartAction(block =>
            {
                if (block.OwningSymbol is not IMethodSymbol { Name: Handlers.HandlerShape.MethodName, MethodKind: MethodKind.Ordinary, Parameters.Length: > 0 } method
                    || !drift.IsHandler(method.ContainingType))
                {
                    return;
                }

                var reader = new PayloadReader(drift, logging, method.Parameters[0]);
                block.RegisterOperationAction(reader.AnalyzePropertyReference, OperationKind.PropertyReference);
                block.RegisterOperationAction(reader.AnalyzeFieldReference, OperationKind.FieldReference);
                block.RegisterOperationAction(reader.AnalyzeInvocation, OperationKind.Invocation);
                block.RegisterOperationAction(reader.AnalyzeDerivedTenant, OperationKind.VariableDeclarator, OperationKind.Argument);
            });
        });
    }

    private sealed class PayloadReader(DriftCompilation drift, LoggingApis logging, IParameterSymbol payload)
    {
        public void AnalyzePropertyReference(OperationAnalysisContext context)
        {
            var reference = (IPropertyReferenceOperation)context.Operation;
            var named = reference.Property.IsIndexer
                ? reference.Arguments.Length == 1 && IsTenantKey(reference.Arguments[0].Value)
                : PayloadNames.SaysTenant(reference.Property, drift.Symbols);
            if (named && IsRootedAtPayload(reference.Instance) && !IsInnerPartOfTenantRead(reference))
            {
                Check(context, reference, reference.Type);
            }
        }

        /// <summary>A payload's public field named for the tenant (<c>legacy.tenant</c>), as a property would be.</summary>
        public void AnalyzeFieldReference(OperationAnalysisContext context)
        {
            var reference = (IFieldReferenceOperation)context.Operation;
            if (PayloadNames.SaysTenant(reference.Field, drift.Symbols) && IsRootedAtPayload(reference.Instance) && !IsInnerPartOfTenantRead(reference))
            {
                Check(context, reference, reference.Type);
            }
        }

        /// <summary>
        /// <c>order.Owner()</c> or <c>Resolve.Tenant(order)</c>: a method of this compilation that returns the tenant member
        /// of the payload it is given reads the payload's tenant as surely as <c>order.TenantId</c> does.
        /// </summary>
        private bool ReturnsPayloadTenant(IInvocationOperation invocation) =>
            drift.Flow.ParameterWhoseTenantIsReturned(invocation.TargetMethod) is { } ordinal
            && invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == ordinal) is { } argument
            && IsRootedAtPayload(argument.Value);

        /// <summary>
        /// The tenant derived from another payload field and named as the tenant: <c>var tenant = scan.DeviceSerial[..4]</c>,
        /// or <c>settings.LoadAsync(tenantId: scan.GatewaySerial.Split('-')[0])</c>.
        /// </summary>
        public void AnalyzeDerivedTenant(OperationAnalysisContext context)
        {
            var (name, value) = context.Operation switch
            {
                IVariableDeclaratorOperation declarator => (declarator.Symbol.Name, declarator.GetVariableInitializer()?.Value),
                IArgumentOperation { Parameter: { } parameter, ArgumentKind: ArgumentKind.Explicit } argument => (parameter.Name, argument.Value),
                _ => (null, null),
            };
            if (name is null || value is null || !(AwsLiterals.IsTenantIdName(name) || AwsLiterals.IsTenantCodeName(name)) || value.Type?.SpecialType != SpecialType.System_String
                || ReadsTenantDirectly(value) || !IsRootedAtPayload(value, throughDerivations: true) || DerivesFromTenantRead(value))
            {
                return;
            }

            Check(context, value, null);
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (ReturnsPayloadTenant(invocation))
            {
                Check(context, invocation, invocation.Type);
                return;
            }

            if (System.Array.IndexOf(KeyedReads, invocation.TargetMethod.Name) < 0)
            {
                return;
            }

            // headers.GetValueOrDefault("x-tenant-id"): an instance call, or an extension with the collection first.
            var receiver = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
            var keyIndex = invocation.Instance is null ? 1 : 0;
            if (invocation.Arguments.Length > keyIndex && IsTenantKey(invocation.Arguments[keyIndex].Value) && IsRootedAtPayload(receiver))
            {
                // TryGetValue answers a bool; only a read that yields the value can be replaced by the tenant id.
                Check(context, invocation, invocation.TargetMethod.Name == "TryGetValue" ? null : invocation.Type);
            }
        }

        private void Check(OperationAnalysisContext context, IOperation read, ITypeSymbol? type)
        {
            // request.Headers?["x-tenant-id"] is reported, and replaced, as a whole.
            while (read.Parent is IConditionalAccessOperation conditional && conditional.WhenNotNull == read)
            {
                read = conditional;
            }

            if (IsWritten(read) || IsHarmless(read, context, 0))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty;
            if (type?.SpecialType == SpecialType.System_String)
            {
                if (drift.TenantInScope(context.ContainingSymbol) is { } tenant)
                {
                    properties = properties.Add(DriftFixProperties.TenantExpression, tenant).Add(DriftFixProperties.TenantMember, "TenantId");
                }
                else if (drift.EnclosingHandleAsync(context.ContainingSymbol) is not null)
                {
                    properties = properties.Add(DriftFixProperties.AddTenantParameter, DriftFixProperties.True).Add(DriftFixProperties.TenantMember, "TenantId");
                }
            }

            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PayloadTenantId, read.Syntax.GetLocation(), properties, Excerpt.Of(read.Syntax)));
        }

        /// <summary><c>scan.Tenant.TenantId</c> is reported once, at its outermost tenant-named part.</summary>
        private bool IsInnerPartOfTenantRead(IOperation reference) => reference.Parent switch
        {
            IPropertyReferenceOperation outer when outer.Instance == reference => PayloadNames.SaysTenant(outer.Property, drift.Symbols),
            IFieldReferenceOperation outer when outer.Instance == reference => PayloadNames.SaysTenant(outer.Field, drift.Symbols),
            _ => false,
        };

        /// <summary>Whether a tenant-named payload member is read somewhere inside <paramref name="value"/>: reported there already.</summary>
        private bool ReadsTenantDirectly(IOperation value)
        {
            foreach (var operation in value.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IPropertyReferenceOperation { Property.IsIndexer: false } property when PayloadNames.SaysTenant(property.Property, drift.Symbols):
                    case IFieldReferenceOperation field when PayloadNames.SaysTenant(field.Field, drift.Symbols):
                    case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer when IsTenantKey(indexer.Arguments[0].Value):
                        return true;
                    case IInvocationOperation invocation when ReturnsPayloadTenant(invocation):
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether <paramref name="value"/> is derived through a call that reads the payload's tenant itself, reported
        /// there: <c>group.Key</c> of <c>order.Lines.GroupBy(l => l.TenantId)</c>.
        /// </summary>
        private bool DerivesFromTenantRead(IOperation? value)
        {
            for (var throughDerivations = true; value is not null; value = Source(value, ref throughDerivations))
            {
                switch (value)
                {
                    case IInvocationOperation invocation when invocation.Arguments.Any(a => ReadsTenantDirectly(a.Value)):
                    case IPropertyReferenceOperation { Property.IsIndexer: false } property when PayloadNames.SaysTenant(property.Property, drift.Symbols):
                    case IFieldReferenceOperation field when PayloadNames.SaysTenant(field.Field, drift.Symbols):
                        return true;
                }
            }

            return false;
        }

        /// <summary>A constant string key that names the tenant; the type is checked first, as reading ConstantValue boxes numbers.</summary>
        private static bool IsTenantKey(IOperation key) =>
            key.Type?.SpecialType == SpecialType.System_String && key.ConstantValue is { HasValue: true, Value: string name } && AwsLiterals.IsTenantIdName(name);

        /// <summary>
        /// Whether the chain of member reads ends at the handler's event parameter. With
        /// <paramref name="throughDerivations"/>, also through what cuts or converts a value (string methods, indexers,
        /// ranges, <c>??</c>): <c>scan.DeviceSerial.Split('-')[0]</c> is derived from the payload.
        /// </summary>
        private bool IsRootedAtPayload(IOperation? operation, bool throughDerivations = false)
        {
            for (; operation is not null; operation = Source(operation, ref throughDerivations))
            {
                if (operation is IParameterReferenceOperation parameter && SymbolEqualityComparer.Default.Equals(parameter.Parameter, payload))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// One step back along a read: the value <paramref name="operation"/> was read or derived from, or null where the
        /// trail ends. Past a deserializer, derivations count from then on.
        /// </summary>
        private static IOperation? Source(IOperation operation, ref bool throughDerivations)
        {
            switch (operation)
            {
                case IParameterReferenceOperation element:
                    // An element of a payload collection: order.Lines.Select(l => l.TenantId).
                    return DriftCompilation.ElementSource(element);
                case ILocalReferenceOperation local:
                    // foreach (var line in order.Lines) … line.TenantId; request.QueryStringParameters is { } q … q["tenant"];
                    // var command = JsonSerializer.Deserialize<Command>(message.Body) … command.TenantId
                    return DriftCompilation.ElementSource(local) ?? DriftCompilation.PatternSource(local) ?? DeserializedFrom(local);
                case IInvocationOperation deserialization when IsDeserialization(deserialization.TargetMethod):
                    // What the text was cut from or defaulted with is still the payload: message.Body ?? "{}".
                    throughDerivations = true;
                    return deserialization.Arguments.Length > 0 ? deserialization.Arguments[0].Value : null;
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.PatternInput } input:
                    // order is { TenantId: var owner }
                    return PatternInput(input);
                case IPropertyReferenceOperation property:
                    return property.Instance;
                case IFieldReferenceOperation field:
                    return field.Instance;
                case IConversionOperation conversion:
                    return conversion.Operand;
                case IParenthesizedOperation parenthesized:
                    return parenthesized.Operand;
                case IConditionalAccessInstanceOperation instance:
                    return ConditionalReceiver(instance);
                case IInvocationOperation invocation when throughDerivations:
                    return invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                case IArrayElementReferenceOperation element when throughDerivations:
                    return element.ArrayReference;
                case IImplicitIndexerReferenceOperation indexer when throughDerivations:
                    return indexer.Instance;
                case ICoalesceOperation coalesce when throughDerivations:
                    return coalesce.Value;
                case IConditionalAccessOperation conditional when throughDerivations:
                    return conditional.WhenNotNull;
                default:
                    return null;
            }
        }

        /// <summary>The value a property pattern's member is read from: <c>order</c> in <c>order is { TenantId: var owner }</c>.</summary>
        private static IOperation? PatternInput(IOperation input)
        {
            for (var current = input.Parent; current is not null; current = current.Parent)
            {
                if (current is IRecursivePatternOperation pattern)
                {
                    return DriftCompilation.TestedValue(pattern);
                }
            }

            return null;
        }

        /// <summary>A deserializer (<c>JsonSerializer.Deserialize</c>, <c>JsonConvert.DeserializeObject</c>): what it returns is what it was given.</summary>
        private static bool IsDeserialization(IMethodSymbol method) => method.Name.StartsWith("Deserialize", System.StringComparison.Ordinal);

        /// <summary>For a local initialized by deserializing a value, that deserialization.</summary>
        private static IOperation? DeserializedFrom(ILocalReferenceOperation reference)
        {
            var value = (DriftCompilation.Declaration(reference) as IVariableDeclaratorOperation)?.GetVariableInitializer()?.Value;
            while (value is IConversionOperation or IAwaitOperation)
            {
                value = value is IConversionOperation conversion ? conversion.Operand : ((IAwaitOperation)value).Operation;
            }

            return value is IInvocationOperation invocation && IsDeserialization(invocation.TargetMethod) ? invocation : null;
        }

        /// <summary>For the receiver placeholder in <c>a?.B</c>, the <c>a</c> it stands for.</summary>
        private static IOperation? ConditionalReceiver(IOperation instance)
        {
            var child = instance;
            for (var parent = instance.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                if (parent is IConditionalAccessOperation conditional && conditional.WhenNotNull == child)
                {
                    return conditional.Operation;
                }
            }

            return null;
        }

        /// <summary><c>string.IsNullOrWhiteSpace(order.TenantId)</c>, <c>ArgumentException.ThrowIfNullOrEmpty(…)</c>: a null check chooses nothing.</summary>
        private static bool IsNullCheck(IMethodSymbol method) =>
            (method.Name is "IsNullOrEmpty" or "IsNullOrWhiteSpace" && method.ContainingType.SpecialType == SpecialType.System_String)
            || (method.Name is "ThrowIfNull" or "ThrowIfNullOrEmpty" or "ThrowIfNullOrWhiteSpace"
                && method.ContainingType is { Name: "ArgumentNullException" or "ArgumentException", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } });

        private static bool IsWritten(IOperation read) =>
            read.Parent is IAssignmentOperation assignment && assignment.Target == read;

        /// <summary>
        /// Logging the payload's tenant, checking it against the deployment's tenant, and <c>nameof</c> do not choose
        /// anything; follow the value up through conversions and interpolations to where it is used.
        /// </summary>
        private bool IsHarmless(IOperation read, OperationAnalysisContext context, int depth)
        {
            var child = read;
            var inText = false;
            for (var parent = read.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    // Through conversions, interpolations and the array a params argument builds, to where the value is used.
                    case IInterpolationOperation or IInterpolatedStringOperation:
                        inText = true;
                        continue;
                    case IConversionOperation or IParenthesizedOperation or IConditionalAccessOperation
                        or ICoalesceOperation or IArrayInitializerOperation or IArrayCreationOperation:
                        continue;
                    case INameOfOperation:
                        return true;
                    case IArgumentOperation { Parent: IInvocationOperation invocation }:
                        if (logging.IsLogging(invocation.TargetMethod))
                        {
                            return true;
                        }

                        if (invocation.TargetMethod is { Name: "Equals", ContainingType.SpecialType: SpecialType.System_String })
                        {
                            return OtherOperandIsDeploymentTenant(invocation, child, context);
                        }

                        return IsNullCheck(invocation.TargetMethod);
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                        return drift.IsTenantId(binary.LeftOperand == child ? binary.RightOperand : binary.LeftOperand, context.CancellationToken);
                    case IInvocationOperation { TargetMethod: { Name: "Equals", ContainingType.SpecialType: SpecialType.System_String } } invocation when invocation.Instance == child:
                        return OtherOperandIsDeploymentTenant(invocation, child, context);

                    // Held in a local or a pattern's variable: harmless when every use of it is.
                    // A text built from it and kept (a key, a name) is used as one, whatever happens to the local next.
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return !inText && IsHarmlessLocal(declarator.Symbol, parent, context, depth);
                    case IIsPatternOperation test when test.Value == child:
                        return IsHarmlessPattern(test.Pattern, context, depth);
                    case IPropertySubpatternOperation subpattern when subpattern.Member == child:
                        return IsHarmlessPattern(subpattern.Pattern, context, depth);
                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary>
        /// A pattern tested on the payload's tenant: a null check or a variable whose every use is harmless chooses
        /// nothing; a constant (<c>is "acme"</c>) is a comparison with something other than the deployment's tenant.
        /// </summary>
        private bool IsHarmlessPattern(IPatternOperation pattern, OperationAnalysisContext context, int depth) => pattern switch
        {
            IConstantPatternOperation constant => constant.Value.ConstantValue is { HasValue: true, Value: null },
            IDeclarationPatternOperation declaration => declaration.DeclaredSymbol is not ILocalSymbol local || IsHarmlessLocal(local, pattern, context, depth),
            IRecursivePatternOperation recursive => recursive.DeclaredSymbol is not ILocalSymbol local || IsHarmlessLocal(local, pattern, context, depth),
            INegatedPatternOperation negated => IsHarmlessPattern(negated.Pattern, context, depth),
            IBinaryPatternOperation binary => IsHarmlessPattern(binary.LeftPattern, context, depth) && IsHarmlessPattern(binary.RightPattern, context, depth),
            ITypePatternOperation or IDiscardPatternOperation => true,
            _ => false,
        };

        /// <summary>Whether every read of <paramref name="local"/> in the method is harmless; one that is not is where the tenant is used.</summary>
        private bool IsHarmlessLocal(ILocalSymbol local, IOperation within, OperationAnalysisContext context, int depth)
        {
            if (depth > 8)
            {
                return false;
            }

            var root = within;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            foreach (var operation in root.Descendants())
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && !reference.IsDeclaration && !IsWritten(reference) && !IsHarmless(reference, context, depth + 1))
                {
                    return false;
                }
            }

            return true;
        }

        private bool OtherOperandIsDeploymentTenant(IInvocationOperation equals, IOperation operand, OperationAnalysisContext context)
        {
            if (equals.Instance is { } instance && instance != operand && drift.IsTenantId(instance, context.CancellationToken))
            {
                return true;
            }

            foreach (var argument in equals.Arguments)
            {
                if (argument != operand && argument.Value != operand && drift.IsTenantId(argument.Value, context.CancellationToken))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The logging entry points a payload's tenant may be passed to.</summary>
    private sealed class LoggingApis(Common.KnownTypeSymbols symbols)
    {
        private readonly INamedTypeSymbol? _loggerExtensions = symbols.LoggerExtensions;
        private readonly INamedTypeSymbol? _logger = symbols.Logger;
        private readonly INamedTypeSymbol? _loggerMessage = symbols.LoggerMessageAttribute;

        /// <summary><c>log.LogInformation(...)</c>, a <c>[LoggerMessage]</c> method, or any method of or taking an <c>ILogger</c> first.</summary>
        public bool IsLogging(IMethodSymbol method)
        {
            if (_logger is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(method.ContainingType, _loggerExtensions) || IsLogger(method.ContainingType)
                || (method.Parameters.Length > 0 && IsLogger(method.Parameters[0].Type)))
            {
                return true;
            }

            foreach (var attribute in method.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _loggerMessage))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsLogger(ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _logger))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, _logger))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
