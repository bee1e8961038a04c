using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Insight.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Insight.Generators.Drift;

/// <summary>
/// What INS100–INS102 share: values that differ between tenants written into code that every tenant runs — AWS account
/// ids, regions and resource names the deployment provides, and literal tenant ids that code branches on. One instance
/// per analyzer and compilation finds them all; it reports only its own rule, so each rule is its own analyzer (with its
/// own severity and suppression) while the reading of values lives here once.
/// </summary>
/// <remarks>
/// A value counts only in a context that says what it is (an ARN, a parameter or property named for accounts or
/// regions, a comparison with the tenant's account), so a twelve-digit order number is left alone. ARN literals are
/// found by syntax, which needs no binding; everything else by the specific operations that carry a value somewhere.
/// </remarks>
internal static class IdentityRules
{
    private static readonly string[] LookupMethods = ["TryGetValue", "GetValueOrDefault", "ContainsKey", "Contains"];
    private static readonly string[] StringComparisons = ["Equals", "StartsWith", "EndsWith", "Contains"];
    private static readonly string[] DictionaryWrites = ["Add", "TryAdd"];

    /// <summary>Registers the actions <paramref name="rule"/> needs, in compilations the drift rules look at.</summary>
    public static void Register(AnalysisContext context, DiagnosticDescriptor rule)
    {
        context.RegisterCompilationStartAction(start =>
        {
            if (DriftCompilation.Read(start.Compilation) is not { } drift)
            {
                return;
            }

            var rules = new Rules(drift, rule);
            if (rule != DiagnosticDescriptors.TenantSpecificBehaviour)
            {
                // Account ids and regions are also found where they are written: in ARNs, arguments, assignments and declarations.
                start.RegisterSyntaxNodeAction(rules.AnalyzeStringLiteral, SyntaxKind.StringLiteralExpression);
                start.RegisterSyntaxNodeAction(rules.AnalyzeInterpolatedString, SyntaxKind.InterpolatedStringExpression);
                start.RegisterSyntaxNodeAction(rules.AnalyzeConcatenation, SyntaxKind.AddExpression);
                start.RegisterSyntaxNodeAction(rules.AnalyzeStringBuilding, SyntaxKind.InvocationExpression);
                start.RegisterOperationAction(rules.AnalyzeObjectCreation, OperationKind.ObjectCreation);
                start.RegisterOperationAction(rules.AnalyzeAssignment, OperationKind.SimpleAssignment);
                start.RegisterOperationAction(rules.AnalyzeDeclaration, OperationKind.VariableDeclarator, OperationKind.FieldInitializer, OperationKind.PropertyInitializer, OperationKind.ParameterInitializer, OperationKind.DeconstructionAssignment);
            }

            if (rule != DiagnosticDescriptors.HardCodedRegionOrName)
            {
                // Lookups by indexer, by syntax: a property-reference action would run for every member access in the project.
                start.RegisterSyntaxNodeAction(rules.AnalyzeElementAccess, SyntaxKind.ElementAccessExpression);
            }

            start.RegisterOperationAction(rules.AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterOperationAction(rules.AnalyzeEquality, OperationKind.Binary);
            start.RegisterOperationAction(rules.AnalyzePatterns, OperationKind.Switch, OperationKind.SwitchExpression, OperationKind.IsPattern);
        });
    }

    private enum TargetKind
    {
        Argument,
        Assignment,
        Declaration,
    }

    /// <summary>
    /// What a value is written into, for the rules that go by the target's name. The message's description of it is
    /// built only when a rule reports, so looking at a value allocates nothing.
    /// </summary>
    private readonly struct Target(ISymbol symbol, TargetKind kind, IMethodSymbol? method = null, bool allowsFix = true)
    {
        public ISymbol Symbol { get; } = symbol;

        /// <summary>False for constants, which cannot take a run-time value.</summary>
        public bool AllowsFix { get; } = allowsFix;

        public string Describe() => kind switch
        {
            TargetKind.Argument when method is not null =>
                $"Argument '{Symbol.Name}' of '{(method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.ContainingType.Name + "." + method.Name)}'",
            TargetKind.Assignment when Symbol.ContainingType is { } owner => $"'{owner.Name}.{Symbol.Name}'",
            _ => $"'{Symbol.Name}'",
        };
    }

    private sealed class Rules(DriftCompilation drift, DiagnosticDescriptor rule)
    {
        private readonly INamedTypeSymbol? _regionEndpoint = drift.Symbols.RegionEndpoint;

        /// <summary>Whether this instance reports INS100/INS101, which look at every value written somewhere.</summary>
        private bool ChecksWrittenValues => rule != DiagnosticDescriptors.TenantSpecificBehaviour;

        public void AnalyzeStringLiteral(SyntaxNodeAnalysisContext context)
        {
            var literal = (LiteralExpressionSyntax)context.Node;
            if (Concatenation.Of(literal) is not null)
            {
                return;
            }

            var text = literal.Token.ValueText;
            if (AwsLiterals.TryReadArn(text, out var regionStart, out var regionLength, out var accountStart, out var accountLength))
            {
                ReportArn(context, literal, text, text, regionStart, regionLength, accountStart, accountLength);
            }
            else if (AwsLiterals.TryFindUrlAccount(text, out accountStart, out accountLength))
            {
                ReportUrl(context, literal, text, text, accountStart, accountLength);
            }
        }

        public void AnalyzeInterpolatedString(SyntaxNodeAnalysisContext context)
        {
            var interpolated = (InterpolatedStringExpressionSyntax)context.Node;
            if (interpolated.Contents.Count < 2 || interpolated.Contents[0] is not InterpolatedStringTextSyntax first)
            {
                return;
            }

            var isArn = first.TextToken.ValueText.StartsWith("arn:", StringComparison.Ordinal);
            if (!isArn && !MentionsAmazonHost(interpolated))
            {
                return;
            }

            // Holes become a control character, so a field that holds one is not a literal account or region.
            ReportBuiltString(context, interpolated, string.Concat(interpolated.Contents.Select(c => c is InterpolatedStringTextSyntax t ? t.TextToken.ValueText : AwsLiterals.Hole.ToString())));
        }

        /// <summary>
        /// <c>"arn:aws:sqs:eu-central-1:" + account + ":outbox"</c>: a concatenation is read as one string, each operand
        /// that is not a literal a hole, as in an interpolation.
        /// </summary>
        public void AnalyzeConcatenation(SyntaxNodeAnalysisContext context)
        {
            var concatenation = (BinaryExpressionSyntax)context.Node;
            if (concatenation.Parent is BinaryExpressionSyntax parent && parent.IsKind(SyntaxKind.AddExpression)
                || Concatenation.FirstOperand(concatenation) is not LiteralExpressionSyntax first || !first.IsKind(SyntaxKind.StringLiteralExpression))
            {
                return;
            }

            var flattened = Concatenation.Flatten(concatenation);
            if (AwsLiterals.MayNameResource(flattened))
            {
                ReportBuiltString(context, concatenation, flattened);
            }
        }

        /// <summary>
        /// <c>string.Concat("arn:aws:sns:", region, ":123456789012:alerts")</c> and
        /// <c>string.Format("arn:aws:sns:{0}:{1}:alerts", region, "123456789012")</c> are read as the string they build,
        /// each argument that is not a literal a hole, as in an interpolation.
        /// </summary>
        public void AnalyzeStringBuilding(SyntaxNodeAnalysisContext context)
        {
            var invocation = (InvocationExpressionSyntax)context.Node;
            var arguments = invocation.ArgumentList.Arguments;
            if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Concat" or "Format" }
                || !arguments.Any(a => StringLiteral(a.Expression) is { } text && AwsLiterals.MayNameResource(text))
                || arguments.Any(a => a.NameColon is not null)
                || context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol { ContainingType.SpecialType: SpecialType.System_String } method)
            {
                return;
            }

            // A literal argument that is a readable ARN or URL on its own is reported as that literal, with its fix.
            var flattened = method.Name == "Concat" ? FlattenConcat(arguments) : FlattenFormat(method, arguments);
            if (flattened is null || arguments.Any(a => StringLiteral(a.Expression) is { } text && NamesIdentityAlone(text)))
            {
                return;
            }

            ReportBuiltString(context, invocation, flattened);
        }

        /// <summary>
        /// Reports a string built of literals and holes (one <see cref="AwsLiterals.Hole"/> per value that is not a
        /// literal) as an ARN when it starts as one, else as an AWS URL with a literal account.
        /// </summary>
        private void ReportBuiltString(SyntaxNodeAnalysisContext context, ExpressionSyntax node, string flattened)
        {
            var display = flattened.Replace(AwsLiterals.Hole.ToString(), "{…}");
            if (flattened.StartsWith("arn:", StringComparison.Ordinal))
            {
                if (AwsLiterals.TryReadArn(flattened, out var regionStart, out var regionLength, out var accountStart, out var accountLength))
                {
                    ReportArn(context, node, flattened, display, regionStart, regionLength, accountStart, accountLength);
                }
            }
            else if (AwsLiterals.TryFindUrlAccount(flattened, out var accountStart, out var accountLength))
            {
                ReportUrl(context, node, flattened, display, accountStart, accountLength);
            }
        }

        /// <summary>
        /// A part of an id a check can single tenants out by (<c>StartsWith("pilot-")</c>, <c>Contains("demo")</c>): not a
        /// separator or a path check such as <c>Contains("/")</c> or <c>Contains("..")</c>. A value that is not a literal passes.
        /// </summary>
        private static bool IsIdLike(IOperation operand) =>
            operand.Type?.SpecialType != SpecialType.System_String || operand.ConstantValue is not { HasValue: true, Value: string text }
            || (text.Length >= 2 && text.Any(char.IsLetterOrDigit));

        /// <summary>Whether <paramref name="text"/> alone is an ARN with a literal account or region, or an AWS URL with a literal account.</summary>
        private static bool NamesIdentityAlone(string text) =>
            (AwsLiterals.TryReadArn(text, out var regionStart, out var regionLength, out var accountStart, out var accountLength)
                && (AwsLiterals.IsAccountId(text, accountStart, accountLength) || AwsLiterals.IsRegion(text, regionStart, regionLength)))
            || (AwsLiterals.TryFindUrlAccount(text, out var urlStart, out var urlLength) && AwsLiterals.IsAccountId(text, urlStart, urlLength));

        private static string? StringLiteral(ExpressionSyntax expression) =>
            expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText : null;

        private static string FlattenConcat(SeparatedSyntaxList<ArgumentSyntax> arguments) =>
            string.Concat(arguments.Select(a => StringLiteral(a.Expression) ?? AwsLiterals.Hole.ToString()));

        /// <summary>The format string with each <c>{n}</c> replaced by its argument: a literal's text, else a hole; null if the format is not a literal.</summary>
        private static string? FlattenFormat(IMethodSymbol method, SeparatedSyntaxList<ArgumentSyntax> arguments)
        {
            var formatIndex = method.Parameters.FirstOrDefault(p => p.Name == "format") is { } formatParameter ? formatParameter.Ordinal : -1;
            if (formatIndex < 0 || formatIndex >= arguments.Count || StringLiteral(arguments[formatIndex].Expression) is not { } format
                || method.Parameters.Any(p => p.IsParams) && arguments.Count == formatIndex + 2 && arguments[formatIndex + 1].Expression is not LiteralExpressionSyntax)
            {
                return null;
            }

            var text = new System.Text.StringBuilder();
            for (var i = 0; i < format.Length; i++)
            {
                var c = format[i];
                if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
                {
                    text.Append(c);
                    i++;
                }
                else if (c == '{' && format.IndexOf('}', i) is var close and > 0)
                {
                    var item = format.Substring(i + 1, close - i - 1);
                    var digits = item.TakeWhile(char.IsDigit).Count();
                    var argument = digits > 0 && int.TryParse(item.Substring(0, digits), out var index) ? formatIndex + 1 + index : -1;
                    text.Append(argument > formatIndex && argument < arguments.Count && StringLiteral(arguments[argument].Expression) is { } value ? value : AwsLiterals.Hole.ToString());
                    i = close;
                }
                else
                {
                    text.Append(c);
                }
            }

            return text.ToString();
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (ChecksWrittenValues)
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter is { } parameter && argument.ArgumentKind == ArgumentKind.Explicit)
                    {
                        CheckValue(context, argument.Value, new Target(parameter, TargetKind.Argument, method));
                    }
                }
            }

            if (method.ContainingType.SpecialType == SpecialType.System_String && Array.IndexOf(StringComparisons, method.Name) >= 0)
            {
                var operands = invocation.Instance is { } instance
                    ? (First: instance, Second: invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null)
                    : (First: invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null, Second: invocation.Arguments.Length > 1 ? invocation.Arguments[1].Value : null);
                if (operands.First is not null && operands.Second is not null && (method.Name == "Equals" || IsIdLike(operands.First) && IsIdLike(operands.Second)))
                {
                    _ = CheckComparison(context, operands.First, operands.Second, invocation) || CheckComparison(context, operands.Second, operands.First, invocation);
                }
            }
            else if (Array.IndexOf(LookupMethods, method.Name) >= 0)
            {
                // dictionary.TryGetValue(tenantId, ...), set.Contains(tenantId), or the extension form with the collection first.
                var receiverIndex = invocation.Instance is null && method.IsExtensionMethod ? 0 : -1;
                var receiver = receiverIndex == 0 ? invocation.Arguments.FirstOrDefault()?.Value : invocation.Instance;
                var key = invocation.Arguments.Length > receiverIndex + 1 ? invocation.Arguments[receiverIndex + 1].Value : null;
                if (receiver is not null && key is not null)
                {
                    CheckLookup(context, receiver, key, invocation.Syntax);
                }
            }
            else if (rule == DiagnosticDescriptors.HardCodedRegionOrName && invocation.Instance is { } dictionary && Array.IndexOf(DictionaryWrites, method.Name) >= 0
                && invocation.Arguments.Length == 2 && IsBatchRequestItems(dictionary.Type))
            {
                CheckBatchTableKey(context, invocation.Arguments[0].Value);
            }

            if (rule == DiagnosticDescriptors.TenantSpecificBehaviour)
            {
                CheckLiteralTenantArguments(context, invocation);
            }
        }

        /// <summary>
        /// <c>tenant.Is("acme")</c> with <c>Is(this TenantContext t, string id) => t.TenantId == id</c>, or
        /// <c>Same(tenant.TenantId, "acme")</c> with a helper comparing its two parameters: the literal reaches a
        /// comparison with the tenant id inside a method of this compilation, so the call singles out that tenant.
        /// </summary>
        private void CheckLiteralTenantArguments(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is not { } parameter || argument.ArgumentKind != ArgumentKind.Explicit
                    || argument.Value.Type?.SpecialType != SpecialType.System_String
                    || argument.Value.ConstantValue is not { HasValue: true, Value: string { Length: > 0 } literal })
                {
                    continue;
                }

                var flow = drift.Flow;
                var singlesOut = flow.IsComparedWithTenant(parameter);
                foreach (var partner in flow.ComparedWith(parameter))
                {
                    singlesOut |= partner.Ordinal < invocation.Arguments.Length
                        && invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == partner.Ordinal) is { } other
                        && drift.IsTenantId(other.Value, context.CancellationToken);
                }

                if (singlesOut)
                {
                    Report(context, DiagnosticDescriptors.TenantSpecificBehaviour, invocation.Syntax.GetLocation(), null,
                        $"'{Excerpt.Of(invocation.Syntax)}', which compares '{parameter.Name}' with the tenant id,", literal);
                    return;
                }
            }
        }

        /// <summary>A lookup in a collection declared with literal keys: by the tenant id (INS102) or by the account (INS100).</summary>
        private void CheckLookup(OperationAnalysisContext context, IOperation receiver, IOperation key, SyntaxNode lookup) =>
            CheckLookup(context.ReportDiagnostic, context.Options, DriftCompilation.ReferencedSymbol(receiver), key, lookup, context.CancellationToken);

        private void CheckLookup(Action<Diagnostic> report, AnalyzerOptions options, ISymbol? collection, IOperation key, SyntaxNode lookup, CancellationToken cancellationToken, ISymbol? member = null)
        {
            if (collection is null)
            {
                return;
            }

            if (rule == DiagnosticDescriptors.TenantSpecificBehaviour && drift.IsTenantId(key, cancellationToken)
                && (member is null ? FirstLiteralKey(collection, cancellationToken) : FirstLiteralMember(collection, member, cancellationToken)) is { } tenantKey)
            {
                Report(report, DiagnosticDescriptors.TenantSpecificBehaviour, lookup.GetLocation(), null, LookupDescription(collection), tenantKey);
            }
            else if (rule == DiagnosticDescriptors.HardCodedAccount && member is null && drift.Flow.IsAccountId(key)
                && FirstLiteralKey(collection, cancellationToken) is { } accountKey && AwsLiterals.IsAccountId(accountKey)
                && !DriftOptions.Lists(options, lookup.SyntaxTree, DriftOptions.AllowedAccountIds, accountKey))
            {
                Report(report, DiagnosticDescriptors.HardCodedAccount, lookup.GetLocation(), null,
                    $"'{collection.Name}', keyed by literal account ids and looked up by the account,", accountKey,
                    "every tenant account runs this code, so no behaviour may depend on one account");
            }
        }

        /// <summary>A literal key of a BatchWriteItem/BatchGetItem request's items is a table name the deployment provides.</summary>
        private void CheckBatchTableKey(OperationAnalysisContext context, IOperation key)
        {
            if (key.Type?.SpecialType == SpecialType.System_String && key.ConstantValue is { HasValue: true, Value: string { Length: > 0 } table })
            {
                Report(context, DiagnosticDescriptors.HardCodedRegionOrName, key.Syntax.GetLocation(), null, "The key of a batch request's items", "table name", table,
                    "use the generated table classes, which read the physical name the deployment sets");
            }
        }

        /// <summary>The items of a BatchWriteItem or BatchGetItem request: a dictionary from table name to writes or keys.</summary>
        private bool IsBatchRequestItems(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol { TypeArguments.Length: 2 } dictionary || dictionary.TypeArguments[0].SpecialType != SpecialType.System_String)
            {
                return false;
            }

            var value = dictionary.TypeArguments[1];
            return SymbolEqualityComparer.Default.Equals(value, drift.Symbols.DynamoDbKeysAndAttributes)
                || (value is INamedTypeSymbol { TypeArguments.Length: 1 } list && SymbolEqualityComparer.Default.Equals(list.TypeArguments[0], drift.Symbols.DynamoDbWriteRequest));
        }

        private static bool MentionsAmazonHost(InterpolatedStringExpressionSyntax interpolated)
        {
            foreach (var content in interpolated.Contents)
            {
                if (content is InterpolatedStringTextSyntax text && text.TextToken.ValueText.IndexOf("amazonaws.com", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        public void AnalyzeObjectCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Constructor is not { } constructor)
            {
                return;
            }

            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter is { } parameter && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    CheckValue(context, argument.Value, new Target(parameter, TargetKind.Argument, constructor));
                }
            }
        }

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                && rule == DiagnosticDescriptors.HardCodedRegionOrName && IsBatchRequestItems(indexer.Instance?.Type))
            {
                CheckBatchTableKey(context, indexer.Arguments[0].Value);
                return;
            }

            ISymbol? member = assignment.Target switch
            {
                IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property,
                IFieldReferenceOperation field => field.Field,
                _ => null,
            };
            if (member is not null)
            {
                CheckValue(context, assignment.Value, new Target(member, TargetKind.Assignment));
            }
        }

        public void AnalyzeDeclaration(OperationAnalysisContext context)
        {
            switch (context.Operation)
            {
                case IVariableDeclaratorOperation declarator when declarator.GetVariableInitializer() is { } initializer:
                    CheckValue(context, initializer.Value, new Target(declarator.Symbol, TargetKind.Declaration, allowsFix: !declarator.Symbol.IsConst));
                    break;
                case IFieldInitializerOperation { InitializedFields.Length: 1 } initializer:
                    var field = initializer.InitializedFields[0];
                    CheckValue(context, initializer.Value, new Target(field, TargetKind.Declaration, allowsFix: !field.IsConst));
                    break;
                case IPropertyInitializerOperation { InitializedProperties.Length: 1 } initializer:
                    CheckValue(context, initializer.Value, new Target(initializer.InitializedProperties[0], TargetKind.Declaration));
                    break;

                case IDeconstructionAssignmentOperation deconstruction:
                    // (_account, Region) = ("123456789012", "eu-north-1") writes members as surely as two assignments.
                    foreach (var (element, value) in ValueFlow.Deconstructed(deconstruction))
                    {
                        switch (ValueFlow.SymbolOf(element))
                        {
                            case ILocalSymbol local:
                                CheckValue(context, value, new Target(local, TargetKind.Declaration));
                                break;
                            case (IFieldSymbol or IPropertySymbol) and var member:
                                CheckValue(context, value, new Target(member, TargetKind.Assignment));
                                break;
                        }
                    }

                    break;

                // A parameter's default is written as surely as an initializer: Replicator(string targetRegion = "eu-north-1").
                case IParameterInitializerOperation initializer:
                    CheckValue(context, initializer.Value, new Target(initializer.Parameter, TargetKind.Declaration, allowsFix: false));
                    break;
            }
        }

        public void AnalyzeEquality(OperationAnalysisContext context)
        {
            var binary = (IBinaryOperation)context.Operation;
            if (binary.OperatorKind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals)
            {
                _ = CheckComparison(context, binary.LeftOperand, binary.RightOperand, binary) || CheckComparison(context, binary.RightOperand, binary.LeftOperand, binary);
            }
        }

        public void AnalyzePatterns(OperationAnalysisContext context)
        {
            (IOperation? Value, string Description) tested = context.Operation switch
            {
                ISwitchOperation s => (s.Value, "The switch on"),
                ISwitchExpressionOperation s => (s.Value, "The switch on"),
                IIsPatternOperation p => (p.Value, "The pattern test of"),
                _ => (null, ""),
            };
            if (tested.Value is not { } value)
            {
                return;
            }

            var kind = KindOf(value, context.CancellationToken);
            if (kind == ValueKind.None)
            {
                // A property pattern tests the member it names: tenant is { TenantId: "globex" }, scope is { Tenant: "initech" }.
                foreach (var pattern in Patterns(context.Operation))
                {
                    if (CheckPropertyPatterns(context, pattern))
                    {
                        return;
                    }
                }

                return;
            }

            foreach (var constant in PatternConstants(context.Operation))
            {
                if (Matches(kind, constant))
                {
                    ReportComparison(context, kind, $"{tested.Description} '{Excerpt.Of(value.Syntax)}'", constant, context.Operation.Syntax.GetLocation());
                    return;
                }
            }
        }

        private bool CheckPropertyPatterns(OperationAnalysisContext context, IPatternOperation pattern)
        {
            switch (pattern)
            {
                case IRecursivePatternOperation recursive:
                    foreach (var property in recursive.PropertySubpatterns)
                    {
                        var kind = KindOf(property.Member, context.CancellationToken);
                        if (kind != ValueKind.None && Constants(property.Pattern).FirstOrDefault(c => Matches(kind, c)) is { } constant)
                        {
                            ReportComparison(context, kind, $"The pattern on '{Excerpt.Of(property.Member.Syntax)}'", constant, context.Operation.Syntax.GetLocation());
                            return true;
                        }

                        if (CheckPropertyPatterns(context, property.Pattern))
                        {
                            return true;
                        }
                    }

                    return false;
                case IBinaryPatternOperation binary:
                    return CheckPropertyPatterns(context, binary.LeftPattern) || CheckPropertyPatterns(context, binary.RightPattern);
                case INegatedPatternOperation negated:
                    return CheckPropertyPatterns(context, negated.Pattern);
                default:
                    return false;
            }
        }

        /// <summary><c>settings[tenant.TenantId]</c>: only an index that reads a member named TenantId or InvocationTenantId is bound.</summary>
        public void AnalyzeElementAccess(SyntaxNodeAnalysisContext context)
        {
            var access = (ElementAccessExpressionSyntax)context.Node;

            // Cheap checks first: one index, a receiver that names a field, property or local, then its declaration's keys.
            if (access.ArgumentList.Arguments.Count != 1 || access.Expression is not (IdentifierNameSyntax or MemberAccessExpressionSyntax)
                || IsAssigned(access)
                || context.SemanticModel.GetSymbolInfo(access.Expression, context.CancellationToken).Symbol is not { } collection
                || FirstLiteralKey(collection, context.CancellationToken) is null
                || context.SemanticModel.GetOperation(access.ArgumentList.Arguments[0].Expression, context.CancellationToken) is not { } key)
            {
                return;
            }

            CheckLookup(context.ReportDiagnostic, context.Options, collection, key, access, context.CancellationToken);
        }

        /// <summary><c>settings[key] = value</c> writes the collection; it looks nothing up.</summary>
        private static bool IsAssigned(ExpressionSyntax access) =>
            access.Parent is AssignmentExpressionSyntax assignment && assignment.Left == access;

        private void CheckValue(OperationAnalysisContext context, IOperation value, in Target target)
        {
            var unwrapped = DriftCompilation.Unwrap(value)!;

            // A literal fallback or branch is written to the target as surely as a plain literal: read ?? "eu-central-1".
            switch (unwrapped)
            {
                case ICoalesceOperation coalesce:
                    CheckValue(context, coalesce.WhenNull, target);
                    return;
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    CheckValue(context, conditional.WhenTrue, target);
                    CheckValue(context, whenFalse, target);
                    return;
            }
            if (unwrapped is IFieldReferenceOperation { Field: { IsStatic: true } field } && _regionEndpoint is not null
                && SymbolEqualityComparer.Default.Equals(field.ContainingType, _regionEndpoint) && SymbolEqualityComparer.Default.Equals(field.Type, _regionEndpoint))
            {
                var properties = target.AllowsFix && !drift.IsInfrastructure ? TenantFix(context.ContainingSymbol, "Region") : null;
                if (properties is { Count: > 0 })
                {
                    properties = properties.Add(DriftFixProperties.RegionEndpoint, DriftFixProperties.True);
                }

                Report(context, DiagnosticDescriptors.HardCodedRegionOrName, unwrapped.Syntax.GetLocation(), properties, target.Describe(), "region", $"RegionEndpoint.{field.Name}", RegionAdvice());
                return;
            }

            // The type first: reading ConstantValue boxes a numeric constant.
            if (unwrapped.Type?.SpecialType != SpecialType.System_String
                || unwrapped.ConstantValue is not { HasValue: true, Value: string text } || text.Length == 0 || text.StartsWith("arn:", StringComparison.Ordinal))
            {
                return;
            }

            // A named constant is reported where it is declared when its own name says what it is; elsewhere at each use.
            if (unwrapped is not ILiteralOperation && DriftCompilation.ReferencedSymbol(unwrapped) is { } constant
                && (IsAccountTarget(constant) || KindOfName(constant.Name) == ValueKind.Region) && constant.Locations.Any(l => l.IsInSource))
            {
                return;
            }

            var name = target.Symbol.Name;
            var location = unwrapped.Syntax.GetLocation();
            if (AwsLiterals.IsAccountId(text) && IsAccountTarget(target.Symbol))
            {
                if (!DriftOptions.Lists(context.Options, location.SourceTree!, DriftOptions.AllowedAccountIds, text))
                {
                    var properties = target.AllowsFix && !IsCdkEnvironment(target.Symbol) ? TenantFix(context.ContainingSymbol, "AccountId") : null;
                    Report(context, DiagnosticDescriptors.HardCodedAccount, location, properties, target.Describe(), text, AccountAdvice());
                }
            }
            else if (AwsLiterals.IsRegion(text) && (AwsLiterals.Mentions(name, "region") || IsRegionLookup(target.Symbol)))
            {
                if (!DriftOptions.Lists(context.Options, location.SourceTree!, DriftOptions.AllowedRegions, text))
                {
                    var properties = target.AllowsFix && !IsCdkEnvironment(target.Symbol) ? TenantFix(context.ContainingSymbol, "Region") : null;
                    Report(context, DiagnosticDescriptors.HardCodedRegionOrName, location, properties, target.Describe(), "region", text, RegionAdvice());
                }
            }
            else if (ResourceNameKind(name) is { } kind && DriftCompilation.IsAwsSdkType(target.Symbol.ContainingType))
            {
                var advice = kind == "table name"
                    ? "use the generated table classes, which read the physical name the deployment sets"
                    : "read it from the configuration the service stack sets in each account";

                // A constant whose own name says what it holds (AuditTableName), declared in this file, is reported once at its
                // literal — from its first use given to the SDK, so the diagnostic stays with the file analysed; TableNames.Devices
                // and constants of other files at each use.
                if (unwrapped is not ILiteralOperation && DriftCompilation.ReferencedSymbol(unwrapped) is { } holder && NameSays(holder.Name, kind)
                    && DeclaredValues(holder, context.CancellationToken).FirstOrDefault() is LiteralExpressionSyntax declared && declared.SyntaxTree == unwrapped.Syntax.SyntaxTree
                    && unwrapped.SemanticModel is { } model)
                {
                    if (IsFirstResourceNameUse(holder, unwrapped.Syntax, model, context.CancellationToken))
                    {
                        Report(context, DiagnosticDescriptors.HardCodedRegionOrName, declared.GetLocation(), null, $"'{holder.Name}'", kind, text, advice);
                    }

                    return;
                }

                Report(context, DiagnosticDescriptors.HardCodedRegionOrName, location, null, target.Describe(), kind, text, advice);
            }
        }

        /// <summary>Whether <paramref name="use"/> is the first place in its file where <paramref name="holder"/> is given to the AWS SDK as a resource name.</summary>
        private static bool IsFirstResourceNameUse(ISymbol holder, SyntaxNode use, SemanticModel model, CancellationToken cancellationToken)
        {
            foreach (var identifier in use.SyntaxTree.GetRoot(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != holder.Name)
                {
                    continue;
                }

                ExpressionSyntax expression = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;
                if (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol?.OriginalDefinition, holder.OriginalDefinition)
                    && IsResourceNameUse(expression, model, cancellationToken))
                {
                    return expression.Span == use.Span;
                }
            }

            return true;
        }

        /// <summary>An argument for, or a value assigned to, an AWS SDK parameter or property that names a resource.</summary>
        private static bool IsResourceNameUse(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
        {
            var target = expression.Parent switch
            {
                ArgumentSyntax argument => (model.GetOperation(argument, cancellationToken) as IArgumentOperation)?.Parameter,
                AssignmentExpressionSyntax assignment when assignment.Right == expression => model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol,
                _ => null,
            };
            return target is not null && ResourceNameKind(target.Name) is not null && DriftCompilation.IsAwsSdkType(target.ContainingType);
        }

        /// <summary>Whether a name says it holds a <paramref name="kind"/>: AuditTableName a table name, OutboxQueueUrl a queue URL.</summary>
        private static bool NameSays(string name, string kind) =>
            AwsLiterals.Mentions(name, kind == "event bus name" ? "bus" : kind.Substring(0, kind.IndexOf(' ')));

        /// <summary>Reports a comparison of an account, region or tenant id with a literal; true when it reported.</summary>
        private bool CheckComparison(OperationAnalysisContext context, IOperation constantSide, IOperation otherSide, IOperation comparison)
        {
            if (constantSide.Type?.SpecialType != SpecialType.System_String || constantSide.ConstantValue is not { HasValue: true, Value: string text } || text.Length == 0)
            {
                return CheckElementComparison(context, constantSide, otherSide, comparison);
            }

            var kind = KindOf(otherSide, context.CancellationToken);
            if (!Matches(kind, text))
            {
                return false;
            }

            return ReportComparison(context, kind, $"The comparison with '{Excerpt.Of(otherSide.Syntax)}'", text, comparison.Syntax.GetLocation());
        }

        /// <summary>
        /// <c>Tenants.Any(t => t == tenant.TenantId)</c>: an element of a collection declared with literal keys or
        /// elements, compared with the tenant id or the account, is a lookup in that collection written out.
        /// </summary>
        private bool CheckElementComparison(OperationAnalysisContext context, IOperation elementSide, IOperation otherSide, IOperation comparison)
        {
            // The element itself (t == tenant.TenantId), or a member of it (o => o.TenantId == tenant.TenantId over records).
            var side = DriftCompilation.Unwrap(elementSide);
            ISymbol? member = null;
            if (side is IPropertyReferenceOperation { Property.IsIndexer: false } property)
            {
                member = property.Property;
                side = DriftCompilation.Unwrap(property.Instance);
            }

            if (side is not IParameterReferenceOperation element
                || DriftCompilation.ElementSource(element) is not { } source
                || DriftCompilation.ReferencedSymbol(source) is not { } collection)
            {
                return false;
            }

            CheckLookup(context.ReportDiagnostic, context.Options, collection, otherSide, comparison.Syntax, context.CancellationToken, member);
            return true;
        }

        private bool ReportComparison(OperationAnalysisContext context, ValueKind kind, string description, string text, Location location)
        {
            switch (kind)
            {
                case ValueKind.TenantId:
                    Report(context, DiagnosticDescriptors.TenantSpecificBehaviour, location, null, description, text);
                    return true;
                case ValueKind.Account when !DriftOptions.Lists(context.Options, location.SourceTree!, DriftOptions.AllowedAccountIds, text):
                    Report(context, DiagnosticDescriptors.HardCodedAccount, location, null, description, text,
                        "every tenant account runs this code, so no behaviour may depend on one account");
                    return true;
                case ValueKind.Region when !DriftOptions.Lists(context.Options, location.SourceTree!, DriftOptions.AllowedRegions, text):
                    Report(context, DiagnosticDescriptors.HardCodedRegionOrName, location, null, description, "region", text,
                        "every region the service is deployed to runs this code, so no behaviour may depend on one region");
                    return true;
                default:
                    return false;
            }
        }

        /// <param name="text">The ARN, with one placeholder character per interpolation, which the field positions index.</param>
        /// <param name="display">The ARN as the message shows it.</param>
        private void ReportArn(SyntaxNodeAnalysisContext context, ExpressionSyntax node, string text, string display, int regionStart, int regionLength, int accountStart, int accountLength)
        {
            var hasAccount = AwsLiterals.IsAccountId(text, accountStart, accountLength);
            var hasRegion = AwsLiterals.IsRegion(text, regionStart, regionLength);
            if (!hasAccount && !hasRegion)
            {
                return;
            }

            var tree = node.SyntaxTree;
            var account = hasAccount ? text.Substring(accountStart, accountLength) : null;
            var region = hasRegion ? text.Substring(regionStart, regionLength) : null;
            hasAccount = account is not null && !DriftOptions.Lists(context.Options, tree, DriftOptions.AllowedAccountIds, account);
            hasRegion = region is not null && !DriftOptions.Lists(context.Options, tree, DriftOptions.AllowedRegions, region);

            // The region of an ARN with a literal account belongs to INS100: an allowed account's resource sits in its own region.
            if ((!hasAccount && !hasRegion) || (account is not null && !hasAccount))
            {
                return;
            }

            // The fix rewrites a literal or an interpolated ARN; a concatenation is left to the developer.
            var properties = IsConstantContext(node) || context.ContainingSymbol is null || node is BinaryExpressionSyntax or InvocationExpressionSyntax
                ? ImmutableDictionary<string, string?>.Empty
                : TenantFix(context.ContainingSymbol, hasAccount ? "AccountId" : "Region");
            if (properties.Count > 0)
            {
                properties = properties.SetItem(hasAccount ? DriftFixProperties.ArnAccount : DriftFixProperties.ArnRegion, DriftFixProperties.True);
                if (hasAccount && hasRegion)
                {
                    properties = properties.SetItem(DriftFixProperties.ArnRegion, DriftFixProperties.True);
                }
            }

            var description = $"The ARN \"{Excerpt.Of(display)}\"";
            // One report per ARN: its account when it has one (the fix replaces a literal region too), else its region.
            if (hasAccount)
            {
                Report(context.ReportDiagnostic, DiagnosticDescriptors.HardCodedAccount, node.GetLocation(), properties, description, account, AccountAdvice());
            }
            else
            {
                Report(context.ReportDiagnostic, DiagnosticDescriptors.HardCodedRegionOrName, node.GetLocation(), properties, description, "region", region, RegionAdvice());
            }
        }

        /// <summary>
        /// Whether a twelve-digit value written to <paramref name="symbol"/> is an AWS account: the symbol is an AWS or CDK
        /// member that takes one, its name says "AWS account", or what it holds ends up where an account goes (an ARN's
        /// account field, an account argument, a comparison with the deploying account). A name that only says
        /// "account" is not enough: ledgers, customers and loyalty cards have accounts too.
        /// </summary>
        private bool IsAccountTarget(ISymbol symbol) =>
            IdentityNames.IsAwsAccountMember(symbol) || IdentityNames.SaysAwsAccount(symbol.Name) || drift.Flow.IsInAccountContext(symbol);

        /// <summary>What a compared or switched-on value is: the tenant id, the account, a region, or nothing these rules know.</summary>
        private ValueKind KindOf(IOperation value, CancellationToken cancellationToken)
        {
            if (drift.IsTenantId(value, cancellationToken))
            {
                return ValueKind.TenantId;
            }

            if (drift.Flow.IsAccountId(value))
            {
                return ValueKind.Account;
            }

            var symbol = DriftCompilation.ReferencedSymbol(value);
            return KindOfName(symbol?.Name) switch
            {
                ValueKind.Account when symbol is not null && IsAccountTarget(symbol) => ValueKind.Account,
                ValueKind.Region => ValueKind.Region,
                _ => ValueKind.None,
            };
        }

        /// <summary>An AWS endpoint URL (an SQS queue URL, an ECR image) whose account field is twelve literal digits.</summary>
        private void ReportUrl(SyntaxNodeAnalysisContext context, ExpressionSyntax node, string text, string display, int accountStart, int accountLength)
        {
            if (!AwsLiterals.IsAccountId(text, accountStart, accountLength))
            {
                return;
            }

            var account = text.Substring(accountStart, accountLength);
            if (!DriftOptions.Lists(context.Options, node.SyntaxTree, DriftOptions.AllowedAccountIds, account))
            {
                Report(context.ReportDiagnostic, DiagnosticDescriptors.HardCodedAccount, node.GetLocation(), null, $"The URL \"{Excerpt.Of(display)}\"", account, AccountAdvice());
            }
        }

        private static string LookupDescription(ISymbol collection) => $"'{collection.Name}', keyed by literal tenant ids and looked up by the tenant id,";

        /// <summary>
        /// How a fix can reach the tenant's value here: infrastructure code uses the deploying account and region;
        /// service code a TenantContext in scope, or one the handler's HandleAsync can take. Empty when neither.
        /// </summary>
        private ImmutableDictionary<string, string?> TenantFix(ISymbol containingSymbol, string member)
        {
            var properties = ImmutableDictionary<string, string?>.Empty;
            if (drift.IsInfrastructure)
            {
                return properties.Add(DriftFixProperties.Infrastructure, DriftFixProperties.True).Add(DriftFixProperties.TenantMember, member);
            }

            if (drift.TenantInScope(containingSymbol) is { } tenant)
            {
                return properties.Add(DriftFixProperties.TenantExpression, tenant).Add(DriftFixProperties.TenantMember, member);
            }

            return drift.EnclosingHandleAsync(containingSymbol) is not null
                ? properties.Add(DriftFixProperties.AddTenantParameter, DriftFixProperties.True).Add(DriftFixProperties.TenantMember, member)
                : properties;
        }

        private string AccountAdvice() => drift.IsInfrastructure
            ? "use Aws.ACCOUNT_ID or a construct's reference, since one template is deployed to every tenant account"
            : "use TenantContext.AccountId, the account the function is deployed in";

        private string RegionAdvice() => drift.IsInfrastructure
            ? "use Aws.REGION, since one template is deployed to every region of the fleet"
            : "use TenantContext.Region, the region the function is deployed in";

        private bool IsRegionLookup(ISymbol parameter) =>
            parameter is IParameterSymbol { ContainingSymbol: IMethodSymbol { Name: "GetBySystemName" } method }
            && SymbolEqualityComparer.Default.Equals(method.ContainingType, _regionEndpoint);

        /// <summary>A stack's Environment is INS110's concern; a fix there would only hide the pinning.</summary>
        private bool IsCdkEnvironment(ISymbol member) =>
            SymbolEqualityComparer.Default.Equals(member.ContainingType, drift.Symbols.CdkEnvironment)
            || SymbolEqualityComparer.Default.Equals(member.ContainingType, drift.Symbols.CdkIEnvironment);

        private void Report(OperationAnalysisContext context, DiagnosticDescriptor descriptor, Location location, ImmutableDictionary<string, string?>? properties, params object?[] arguments) =>
            Report(context.ReportDiagnostic, descriptor, location, properties, arguments);

        /// <summary>Reports only this instance's rule: the other rules' analyzers report theirs from the same reading.</summary>
        private void Report(Action<Diagnostic> report, DiagnosticDescriptor descriptor, Location location, ImmutableDictionary<string, string?>? properties, params object?[] arguments)
        {
            if (descriptor == rule)
            {
                report(Diagnostic.Create(descriptor, location, properties, arguments));
            }
        }
    }

    private enum ValueKind
    {
        None,
        TenantId,
        Account,
        Region,
    }

    private static ValueKind KindOfName(string? name) =>
        name is null ? ValueKind.None
        : AwsLiterals.Mentions(name, "account") ? ValueKind.Account
        : AwsLiterals.Mentions(name, "region") ? ValueKind.Region
        : ValueKind.None;

    private static bool Matches(ValueKind kind, string text) => kind switch
    {
        ValueKind.TenantId => text.Length > 0,
        ValueKind.Account => AwsLiterals.IsAccountId(text),
        ValueKind.Region => AwsLiterals.IsRegion(text),
        _ => false,
    };

    /// <summary>The string constants a switch or pattern test compares with, in source order.</summary>
    private static System.Collections.Generic.IEnumerable<string> PatternConstants(IOperation operation) =>
        operation is ISwitchOperation switchStatement
            ? switchStatement.Cases.SelectMany(c => c.Clauses).SelectMany(clause => clause switch
            {
                ISingleValueCaseClauseOperation single => Constant(single.Value),
                IPatternCaseClauseOperation pattern => Constants(pattern.Pattern),
                _ => [],
            })
            : Patterns(operation).SelectMany(Constants);

    /// <summary>The patterns a switch, switch expression or <c>is</c> test tries.</summary>
    private static System.Collections.Generic.IEnumerable<IPatternOperation> Patterns(IOperation operation) => operation switch
    {
        ISwitchOperation switchStatement => switchStatement.Cases.SelectMany(c => c.Clauses).OfType<IPatternCaseClauseOperation>().Select(c => c.Pattern),
        ISwitchExpressionOperation switchExpression => switchExpression.Arms.Select(a => a.Pattern),
        IIsPatternOperation isPattern => [isPattern.Pattern],
        _ => [],
    };

    private static System.Collections.Generic.IEnumerable<string> Constants(IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation constant => Constant(constant.Value),
        IBinaryPatternOperation binary => Constants(binary.LeftPattern).Concat(Constants(binary.RightPattern)),
        INegatedPatternOperation negated => Constants(negated.Pattern),
        _ => [],
    };

    private static string[] Constant(IOperation value) =>
        value.ConstantValue is { HasValue: true, Value: string { Length: > 0 } text } ? [text] : [];

    /// <summary>What a parameter or property of an AWS SDK request names, when it names a resource the deployment provides.</summary>
    private static string? ResourceNameKind(string name) =>
        string.Equals(name, "TableName", StringComparison.OrdinalIgnoreCase) ? "table name"
        : string.Equals(name, "QueueUrl", StringComparison.OrdinalIgnoreCase) ? "queue URL"
        : string.Equals(name, "QueueName", StringComparison.OrdinalIgnoreCase) ? "queue name"
        : string.Equals(name, "EventBusName", StringComparison.OrdinalIgnoreCase) ? "event bus name"
        : null;

    /// <summary>Where only a compile-time constant may stand, so a fix cannot put the tenant's run-time value.</summary>
    private static bool IsConstantContext(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AttributeArgumentSyntax or CaseSwitchLabelSyntax or ConstantPatternSyntax or ParameterSyntax:
                    return true;
                case FieldDeclarationSyntax field:
                    return field.Modifiers.Any(SyntaxKind.ConstKeyword);
                case LocalDeclarationStatementSyntax local:
                    return local.IsConst;
                case StatementSyntax or MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// The first literal key or element in the declaration of <paramref name="collection"/>:
    /// <c>{ ["acme"] = … }</c>, <c>{ { "acme", … } }</c>, <c>{ "acme" }</c> or <c>["acme"]</c>.
    /// </summary>
    private static string? FirstLiteralKey(ISymbol collection, CancellationToken cancellationToken)
    {
        foreach (var initializer in DeclaredValues(collection, cancellationToken))
        {
            var key = initializer.DescendantNodesAndSelf()
                .OfType<LiteralExpressionSyntax>()
                .FirstOrDefault(l => l.IsKind(SyntaxKind.StringLiteralExpression) && IsKeyOrElement(l));
            if (key is not null)
            {
                return key.Token.ValueText;
            }
        }

        return null;
    }

    /// <summary>What a field, property or local of this compilation is declared with: its initializer or expression body.</summary>
    private static System.Collections.Generic.IEnumerable<ExpressionSyntax> DeclaredValues(ISymbol symbol, CancellationToken cancellationToken)
    {
        if (symbol is not (IFieldSymbol or IPropertySymbol or ILocalSymbol))
        {
            yield break;
        }

        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            var value = reference.GetSyntax(cancellationToken) switch
            {
                VariableDeclaratorSyntax variable => variable.Initializer?.Value,
                PropertyDeclarationSyntax property => property.Initializer?.Value ?? property.ExpressionBody?.Expression,
                _ => null,
            };
            if (value is not null)
            {
                yield return value;
            }
        }
    }

    /// <summary>
    /// The first literal <paramref name="member"/> of the objects a collection is declared with:
    /// <c>[new("acme", 500), …]</c> of a positional record, or <c>new Override { TenantId = "acme" }</c>.
    /// </summary>
    private static string? FirstLiteralMember(ISymbol collection, ISymbol member, CancellationToken cancellationToken)
    {
        // A positional record's property is its primary-constructor parameter: its position among the arguments.
        var position = member.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<ParameterSyntax>()
            .Select(p => p.Parent is ParameterListSyntax list ? list.Parameters.IndexOf(p) : -1).DefaultIfEmpty(-1).First();
        foreach (var initializer in DeclaredValues(collection, cancellationToken))
        {
            // The collection's own elements, not objects created inside them.
            foreach (var creation in initializer.DescendantNodesAndSelf().OfType<BaseObjectCreationExpressionSyntax>()
                .Where(c => c.Parent is ExpressionElementSyntax or InitializerExpressionSyntax))
            {
                var value = position >= 0 && creation.ArgumentList is { } arguments && arguments.Arguments.Count > position && arguments.Arguments[position].NameColon is null
                    ? arguments.Arguments[position].Expression
                    : creation.Initializer?.Expressions.OfType<AssignmentExpressionSyntax>()
                        .FirstOrDefault(a => a.Left is IdentifierNameSyntax name && name.Identifier.ValueText == member.Name)?.Right;
                if (value is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
                {
                    return literal.Token.ValueText;
                }
            }
        }

        return null;
    }

    private static bool IsKeyOrElement(LiteralExpressionSyntax literal) => literal.Parent switch
    {
        ArgumentSyntax { Parent: BracketedArgumentListSyntax { Parent: ImplicitElementAccessSyntax } } => true,
        InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.ComplexElementInitializerExpression) => initializer.Expressions[0] == literal,
        InitializerExpressionSyntax initializer => initializer.IsKind(SyntaxKind.CollectionInitializerExpression) || initializer.IsKind(SyntaxKind.ArrayInitializerExpression),
        ExpressionElementSyntax => true,
        _ => false,
    };

    /// <summary>String concatenations read as one string: the outermost <c>a + b + c</c> whose first operand is a string literal.</summary>
    private static class Concatenation
    {
        /// <summary>The outermost concatenation <paramref name="literal"/> is part of, when that concatenation is read as a whole.</summary>
        public static BinaryExpressionSyntax? Of(LiteralExpressionSyntax literal)
        {
            BinaryExpressionSyntax? outermost = null;
            for (SyntaxNode node = literal; node.Parent is BinaryExpressionSyntax parent && parent.IsKind(SyntaxKind.AddExpression); node = parent)
            {
                outermost = parent;
            }

            return outermost is not null && FirstOperand(outermost) is LiteralExpressionSyntax first && first.IsKind(SyntaxKind.StringLiteralExpression) ? outermost : null;
        }

        public static ExpressionSyntax FirstOperand(BinaryExpressionSyntax concatenation)
        {
            var left = concatenation.Left;
            while (left is BinaryExpressionSyntax inner && inner.IsKind(SyntaxKind.AddExpression))
            {
                left = inner.Left;
            }

            return left;
        }

        /// <summary>The literals' text, with one placeholder character for each other operand.</summary>
        public static string Flatten(BinaryExpressionSyntax concatenation)
        {
            var text = new System.Text.StringBuilder();
            Append(concatenation);
            return text.ToString();

            void Append(ExpressionSyntax operand)
            {
                switch (operand)
                {
                    case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                        Append(binary.Left);
                        Append(binary.Right);
                        break;
                    case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                        text.Append(literal.Token.ValueText);
                        break;
                    default:
                        text.Append(AwsLiterals.Hole);
                        break;
                }
            }
        }
    }
}
