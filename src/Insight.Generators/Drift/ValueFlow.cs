using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Insight.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Insight.Generators.Drift;

/// <summary>
/// Where the tenant id, the deploying account and stack parameters travel in one compilation: through locals, fields,
/// properties, parameters of methods declared here, and what methods return. Built once per compilation, on the first
/// question a rule asks, by one walk over the bodies of the files that can take part (those naming a tenant, an
/// account or a stack parameter); every rule after that asks with a set lookup, so following values across methods
/// costs no re-binding per node and still reports as the developer types.
/// </summary>
/// <remarks>
/// The walk records, per symbol, the expressions assigned to it (initializers, assignments, arguments given to a
/// parameter, returned values) and then marks symbols to a fixed point. It is a may-analysis: a parameter that any
/// caller gives the tenant id carries it. Values derived by slicing (<c>Substring</c>, <c>Split</c>) are new values; case
/// and whitespace normalisation keeps the value.
/// </remarks>
internal sealed class ValueFlow
{
    private static readonly string[] Normalisers = ["ToLower", "ToLowerInvariant", "ToUpper", "ToUpperInvariant", "Trim", "TrimStart", "TrimEnd", "Normalize", "ToString"];
    private static readonly string[] Interesting = ["tenant", "account", "cfnparameter", "valueas"];

    private readonly KnownTypeSymbols _symbols;
    private readonly Dictionary<ISymbol, List<IOperation>> _sources = new(SymbolEqualityComparer.Default);
    private readonly List<(IParameterSymbol Parameter, IOperation Other)> _parameterComparisons = [];
    private readonly List<IOperation> _accountContextUses = [];
    private readonly List<(ISymbol Owner, IOperation Returned)> _returns = [];

    private readonly HashSet<ISymbol> _tenant = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> _account = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> _stackParameter = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> _accountContext = new(SymbolEqualityComparer.Default);
    private readonly HashSet<IParameterSymbol> _comparedWithTenant = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IParameterSymbol, List<IParameterSymbol>> _comparedWithParameter = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<IMethodSymbol, int> _returnsParameterTenant = new(SymbolEqualityComparer.Default);

    private ValueFlow(KnownTypeSymbols symbols) => _symbols = symbols;

    private enum Kind
    {
        Tenant,
        Account,
        StackParameter,
    }

    /// <summary>Walks the compilation once and marks what carries the tenant id, the account or a stack parameter.</summary>
    /// <remarks>
    /// Only member bodies that can take part are bound: first those that name a tenant, an account or a stack
    /// parameter, or hold an ARN or AWS URL; then, until nothing new is reached, the bodies a followed value can travel
    /// into — the method whose parameter was given one (a helper in a file of its own), and any body that names a
    /// field, property or method found to carry one. Binding every body of a service would cost the build a second
    /// full bind; this binds the few that matter, by a syntax scan first.
    /// </remarks>
    public static ValueFlow Build(KnownTypeSymbols symbols, CancellationToken cancellationToken)
    {
        var flow = new ValueFlow(symbols);
        var candidates = new List<SyntaxNode>();
        var pending = new List<SyntaxNode>();
        foreach (var tree in symbols.Compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Generated sources (the SDK's invokers, JSON contexts) pass the tenant as a TenantContext, never as a value to follow.
            if (IsGenerated(tree))
            {
                continue;
            }

            foreach (var body in Bodies(tree.GetRoot(cancellationToken)))
            {
                (MayTakePart(body) ? pending : candidates).Add(body);
            }
        }

        var walked = new HashSet<SyntaxNode>();
        while (pending.Count > 0)
        {
            foreach (var body in pending)
            {
                if (walked.Add(body))
                {
                    flow.Walk(body, cancellationToken);
                }
            }

            flow.Mark();
            pending = flow.Reached(candidates, walked, cancellationToken);
        }

        flow.Solve();
        return flow;
    }

    private static bool IsGenerated(SyntaxTree tree) => tree.FilePath.EndsWith(".g.cs", StringComparison.OrdinalIgnoreCase);

    /// <summary>The nodes whose operations a value can travel through: method and accessor bodies, expression-bodied properties, field and property initializers.</summary>
    private static IEnumerable<SyntaxNode> Bodies(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes(n => n is not (BlockSyntax or ArrowExpressionClauseSyntax or EqualsValueClauseSyntax)))
        {
            if (node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax
                or ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax }
                or EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } or PropertyDeclarationSyntax })
            {
                yield return node;
            }
        }
    }

    private readonly Dictionary<SyntaxTree, SemanticModel> _models = [];

    private void Walk(SyntaxNode node, CancellationToken cancellationToken)
    {
        if (!_models.TryGetValue(node.SyntaxTree, out var model))
        {
            _models[node.SyntaxTree] = model = _symbols.Compilation.GetSemanticModel(node.SyntaxTree);
        }

        if (model.GetOperation(node, cancellationToken) is not { } body)
        {
            return;
        }

        // Whose value a return gives: the method's, or for a getter or an expression body, the property's.
        var owner = node switch
        {
            ArrowExpressionClauseSyntax { Parent: { } member } => model.GetDeclaredSymbol(member, cancellationToken),
            BaseMethodDeclarationSyntax or AccessorDeclarationSyntax => model.GetDeclaredSymbol(node, cancellationToken),
            _ => null,
        };
        Record(body, owner is IMethodSymbol { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: { } property } ? property : owner);
    }

    /// <summary>
    /// The bodies, not walked yet, that a followed value reaches: the declaring body of a method whose parameter was
    /// given one, and the bodies that name a field, property or method marked as carrying one.
    /// </summary>
    private List<SyntaxNode> Reached(List<SyntaxNode> candidates, HashSet<SyntaxNode> walked, CancellationToken cancellationToken)
    {
        var reached = new List<SyntaxNode>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var marks in new[] { _tenant, _account, _stackParameter })
        {
            foreach (var symbol in marks)
            {
                switch (symbol)
                {
                    case IParameterSymbol { ContainingSymbol: IMethodSymbol method }:
                        foreach (var reference in method.DeclaringSyntaxReferences)
                        {
                            var declaration = reference.GetSyntax(cancellationToken).AncestorsAndSelf().FirstOrDefault(n => n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax);
                            if (declaration is not null && !walked.Contains(declaration) && !IsGenerated(declaration.SyntaxTree))
                            {
                                reached.Add(declaration);
                            }
                        }

                        break;
                    case IFieldSymbol or IPropertySymbol or IMethodSymbol:
                        names.Add(symbol.Name);
                        break;
                }
            }
        }

        if (names.Count > 0)
        {
            foreach (var body in candidates)
            {
                if (!walked.Contains(body) && Names(body, names))
                {
                    reached.Add(body);
                }
            }
        }

        return reached;
    }

    private static bool Names(SyntaxNode body, HashSet<string> names)
    {
        foreach (var token in body.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && names.Contains(token.ValueText))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The deploying tenant's id: <c>TenantContext.TenantId</c>, <c>InvocationContext.InvocationTenantId</c>, or what carries them.</summary>
    public bool IsTenantId(IOperation? operation) => Carries(operation, Kind.Tenant, 0);

    /// <summary>The deploying account: <c>TenantContext.AccountId</c>, CDK's <c>Aws.ACCOUNT_ID</c> and <c>Stack.Account</c>, or what carries them.</summary>
    public bool IsAccountId(IOperation? operation) => Carries(operation, Kind.Account, 0);

    /// <summary>A CloudFormation parameter's value (<c>CfnParameter.ValueAsNumber</c>, <c>Token.AsNumber(parameter.Value)</c>) or what carries one.</summary>
    public bool IsStackParameter(IOperation? operation) => Carries(operation, Kind.StackParameter, 0);

    /// <summary>Whether a value written to <paramref name="symbol"/> ends up where an AWS account id goes (an ARN's account, an account or principal argument, a comparison with the account).</summary>
    public bool IsInAccountContext(ISymbol symbol) => _accountContext.Contains(symbol.OriginalDefinition);

    /// <summary>Whether <paramref name="parameter"/> is compared, in its method, with the tenant id itself.</summary>
    public bool IsComparedWithTenant(IParameterSymbol parameter) => _comparedWithTenant.Contains(parameter.OriginalDefinition);

    /// <summary>The parameters of the same method that <paramref name="parameter"/> is compared with.</summary>
    public IReadOnlyList<IParameterSymbol> ComparedWith(IParameterSymbol parameter) =>
        _comparedWithParameter.TryGetValue((IParameterSymbol)parameter.OriginalDefinition, out var others) ? others : [];

    /// <summary>For a method that returns a tenant-named member of one of its parameters (<c>e => e.TenantId</c>), that parameter's ordinal.</summary>
    public int? ParameterWhoseTenantIsReturned(IMethodSymbol method) =>
        _returnsParameterTenant.TryGetValue(method.ReducedFrom ?? method.OriginalDefinition, out var ordinal) ? ordinal : null;

    /// <summary>
    /// Which property, field, local or parameter an operation writes to or reads from, as the index keys it
    /// (generic members by their definition).
    /// </summary>
    public static ISymbol? SymbolOf(IOperation? operation) => DriftCompilation.Unwrap(operation) switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field.OriginalDefinition,
        IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property.OriginalDefinition,
        _ => null,
    };

    /// <summary>
    /// The variables of <c>var (account, region) = ("123456789012", "eu-central-1")</c> with the values they take, element
    /// by element, when the right side is a tuple written out (nested tuples included).
    /// </summary>
    public static List<(IOperation Target, IOperation Value)> Deconstructed(IDeconstructionAssignmentOperation deconstruction)
    {
        var pairs = new List<(IOperation, IOperation)>();
        Pair(deconstruction.Target, deconstruction.Value);
        return pairs;

        void Pair(IOperation target, IOperation value)
        {
            if (DriftCompilation.Unwrap(target) is IDeclarationExpressionOperation declaration)
            {
                target = declaration.Expression;
            }

            if (DriftCompilation.Unwrap(target) is ITupleOperation targets && DriftCompilation.Unwrap(value) is ITupleOperation values
                && targets.Elements.Length == values.Elements.Length)
            {
                for (var i = 0; i < targets.Elements.Length; i++)
                {
                    Pair(targets.Elements[i], values.Elements[i]);
                }
            }
            else if (DriftCompilation.Unwrap(target) is not (ITupleOperation or IDiscardOperation))
            {
                pairs.Add((target, value));
            }
        }
    }

    /// <summary>
    /// Bodies without a word of tenants, accounts or stack parameters, and without an ARN or AWS URL, can start no
    /// such value; they are walked only when a followed value reaches them.
    /// </summary>
    private static bool MayTakePart(SyntaxNode body)
    {
        foreach (var token in body.DescendantTokens())
        {
            switch (token.Kind())
            {
                case SyntaxKind.IdentifierToken:
                    foreach (var word in Interesting)
                    {
                        if (AwsLiterals.Mentions(token.ValueText, word))
                        {
                            return true;
                        }
                    }

                    break;
                case SyntaxKind.StringLiteralToken or SyntaxKind.InterpolatedStringTextToken
                    when token.ValueText.IndexOf("arn:", StringComparison.Ordinal) >= 0 || token.ValueText.IndexOf("amazonaws.com", StringComparison.OrdinalIgnoreCase) >= 0:
                    return true;
            }
        }

        return false;
    }

    private void Record(IOperation body, ISymbol? owner)
    {
        foreach (var operation in body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when declarator.GetVariableInitializer() is { } initializer:
                    AddSource(declarator.Symbol, initializer.Value);
                    break;
                case IFieldInitializerOperation initializer:
                    foreach (var field in initializer.InitializedFields)
                    {
                        AddSource(field, initializer.Value);
                    }

                    break;
                case IPropertyInitializerOperation initializer:
                    foreach (var property in initializer.InitializedProperties)
                    {
                        AddSource(property, initializer.Value);
                    }

                    break;
                case ISimpleAssignmentOperation assignment when SymbolOf(assignment.Target) is { } target:
                    AddSource(target, assignment.Value);
                    RecordAccountContext(target, assignment.Value);
                    break;
                case IDeconstructionAssignmentOperation deconstruction:
                    foreach (var (element, value) in Deconstructed(deconstruction))
                    {
                        if (SymbolOf(element) is { } target)
                        {
                            AddSource(target, value);
                            RecordAccountContext(target, value);
                        }
                    }

                    break;
                case IArgumentOperation { Parameter: { } parameter } argument when argument.ArgumentKind == ArgumentKind.Explicit:
                    RecordArgument(parameter, argument.Value);
                    break;
                case IReturnOperation { ReturnedValue: { } returned } when ReturnOwner(operation, owner) is { } returnOwner:
                    _returns.Add((returnOwner.OriginalDefinition, returned));
                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                    RecordComparison(binary.LeftOperand, binary.RightOperand);
                    break;
                // a.Equals(b), string.Equals(a, b, …), object.Equals(a, b), EqualityComparer<T>.Default.Equals(a, b).
                case IInvocationOperation { TargetMethod.Name: "Equals" } equals:
                    // An instance compares itself with its first argument (a.Equals(b, StringComparison.Ordinal)), unless it is
                    // a comparer handed both values (comparer.Equals(a, b)).
                    var (first, second) = equals.Instance is { } instance && equals.Arguments.Length > 0 && !IsComparerEquals(equals.TargetMethod)
                        ? (instance, equals.Arguments[0].Value)
                        : (equals.Arguments.Length > 0 ? equals.Arguments[0].Value : null, equals.Arguments.Length > 1 ? equals.Arguments[1].Value : null);
                    if (first is not null && second is not null)
                    {
                        RecordComparison(first, second);
                    }

                    break;
                case IInterpolatedStringOperation interpolated:
                    RecordAccountHoles(InterpolatedParts(interpolated));
                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } concatenation
                    when !IsStringConcatenation(concatenation.Parent):
                    RecordAccountHoles(ConcatenatedParts(concatenation));
                    break;
            }
        }
    }

    /// <summary><c>IEqualityComparer&lt;T&gt;.Equals(T x, T y)</c>: two values of one type, compared by the instance.</summary>
    private static bool IsComparerEquals(IMethodSymbol method) =>
        !method.IsStatic && method.Parameters.Length == 2 && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, method.Parameters[1].Type);

    private void RecordArgument(IParameterSymbol parameter, IOperation value)
    {
        if (parameter.ContainingSymbol is IMethodSymbol method && IsInSource(method))
        {
            AddSource(parameter, value);

            // A positional record's property is initialised from its primary-constructor parameter of the same name.
            if (method.MethodKind == MethodKind.Constructor && method.ContainingType.IsRecord)
            {
                foreach (var member in method.ContainingType.GetMembers(parameter.Name))
                {
                    if (member is IPropertySymbol property)
                    {
                        AddSource(property, value);
                    }
                }
            }
        }

        RecordAccountContext(parameter, value);
    }

    /// <summary>A value given to an AWS or CDK account parameter or property marks the symbol it was read from.</summary>
    private void RecordAccountContext(ISymbol target, IOperation value)
    {
        if (IdentityNames.IsAwsAccountMember(target))
        {
            _accountContextUses.Add(value);
        }
    }

    /// <summary>An interpolated string as text and holes: <c>$"arn:aws:sns:{region}:{account}:alerts"</c>.</summary>
    private static List<(string? Text, IOperation? Hole)> InterpolatedParts(IInterpolatedStringOperation interpolated)
    {
        var parts = new List<(string?, IOperation?)>();
        foreach (var part in interpolated.Parts)
        {
            switch (part)
            {
                case IInterpolatedStringTextOperation { Text.ConstantValue.Value: string text }:
                    parts.Add((text, null));
                    break;
                case IInterpolationOperation hole:
                    parts.Add((null, hole.Expression));
                    break;
            }
        }

        return parts;
    }

    /// <summary>
    /// A concatenation as text and holes: <c>"arn:aws:sqs:eu-central-1:" + Account + ":outbox"</c>. Only literals are
    /// text; a named constant is a hole, as in an interpolation, so the constant is what account context marks.
    /// </summary>
    private static List<(string? Text, IOperation? Hole)> ConcatenatedParts(IBinaryOperation concatenation)
    {
        var parts = new List<(string?, IOperation?)>();
        Add(concatenation);
        return parts;

        void Add(IOperation operand)
        {
            var unwrapped = DriftCompilation.Unwrap(operand)!;
            if (unwrapped is IBinaryOperation binary && IsStringConcatenation(binary))
            {
                Add(binary.LeftOperand);
                Add(binary.RightOperand);
            }
            else if (unwrapped is ILiteralOperation { ConstantValue.Value: string text })
            {
                parts.Add((text, null));
            }
            else
            {
                parts.Add((null, unwrapped));
            }
        }
    }

    private static bool IsStringConcatenation(IOperation? operation) =>
        operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String };

    /// <summary>Holes in the account field of an ARN or in an amazonaws.com URL's account position are account context.</summary>
    private void RecordAccountHoles(List<(string? Text, IOperation? Hole)> parts)
    {
        var flattened = new System.Text.StringBuilder();
        var holes = new List<(int Position, IOperation Value)>();
        foreach (var (text, hole) in parts)
        {
            if (hole is not null)
            {
                holes.Add((flattened.Length, hole));
                flattened.Append(AwsLiterals.Hole);
            }
            else
            {
                flattened.Append(text);
            }
        }

        if (holes.Count == 0)
        {
            return;
        }

        var value = flattened.ToString();
        int accountStart;
        if (AwsLiterals.TryReadArn(value, out _, out _, out var arnAccountStart, out var arnAccountLength) && arnAccountLength == 1)
        {
            accountStart = arnAccountStart;
        }
        else if (!AwsLiterals.TryFindUrlAccountHole(value, out accountStart))
        {
            return;
        }

        foreach (var (position, hole) in holes)
        {
            if (position == accountStart)
            {
                _accountContextUses.Add(hole);
            }
        }
    }

    private void RecordComparison(IOperation left, IOperation right)
    {
        if (SymbolOf(left) is IParameterSymbol leftParameter)
        {
            _parameterComparisons.Add((leftParameter, right));
        }

        if (SymbolOf(right) is IParameterSymbol rightParameter)
        {
            _parameterComparisons.Add((rightParameter, left));
        }

        // A value compared with the account is an account: remembered as a pair and resolved once the account is known.
        _pendingAccountComparisons.Add((left, right));
    }

    private readonly List<(IOperation Left, IOperation Right)> _pendingAccountComparisons = [];

    private void AddSource(ISymbol target, IOperation value)
    {
        target = target.OriginalDefinition;
        if (!_sources.TryGetValue(target, out var list))
        {
            _sources[target] = list = [];
        }

        list.Add(value);
    }

    /// <summary>Marks symbols to a fixed point; run again after more files are walked, it only adds marks.</summary>
    private void Mark()
    {
        foreach (var kind in new[] { Kind.Tenant, Kind.Account, Kind.StackParameter })
        {
            var marked = Marks(kind);
            bool changed;
            do
            {
                changed = false;
                foreach (var source in _sources)
                {
                    if (!marked.Contains(source.Key) && source.Value.Exists(value => Carries(value, kind, 0)))
                    {
                        marked.Add(source.Key);
                        changed = true;
                    }
                }

                foreach (var (owner, returned) in _returns)
                {
                    if (!marked.Contains(owner) && Carries(returned, kind, 0))
                    {
                        marked.Add(owner);
                        changed = true;
                    }
                }
            }
            while (changed);
        }
    }

    /// <summary>Once every file that takes part is walked and marked: what depends on the marks (comparisons, contexts, returns).</summary>
    private void Solve()
    {
        foreach (var (parameter, other) in _parameterComparisons)
        {
            var key = (IParameterSymbol)parameter.OriginalDefinition;
            if (IsTenantId(other))
            {
                _comparedWithTenant.Add(key);
            }
            else if (SymbolOf(other) is IParameterSymbol partner && !SymbolEqualityComparer.Default.Equals(partner, parameter)
                     && SymbolEqualityComparer.Default.Equals(partner.ContainingSymbol, parameter.ContainingSymbol))
            {
                if (!_comparedWithParameter.TryGetValue(key, out var partners))
                {
                    _comparedWithParameter[key] = partners = [];
                }

                partners.Add(partner);
            }
        }

        foreach (var (left, right) in _pendingAccountComparisons)
        {
            if (IsAccountId(left))
            {
                _accountContextUses.Add(right);
            }
            else if (IsAccountId(right))
            {
                _accountContextUses.Add(left);
            }
        }

        // Account context flows back: a local read into an ARN marks the constant it was initialised from.
        var pending = new Stack<IOperation>(_accountContextUses);
        while (pending.Count > 0)
        {
            if (SymbolOf(pending.Pop()) is { } symbol && _accountContext.Add(symbol) && _sources.TryGetValue(symbol, out var values))
            {
                foreach (var value in values)
                {
                    pending.Push(value);
                }
            }
        }

        foreach (var (owner, returned) in _returns)
        {
            if (owner is IMethodSymbol method && TenantReadOfParameter(returned) is { } ordinal && !_returnsParameterTenant.ContainsKey(method))
            {
                _returnsParameterTenant[method] = ordinal;
            }
        }
    }

    private HashSet<ISymbol> Marks(Kind kind) => kind switch
    {
        Kind.Tenant => _tenant,
        Kind.Account => _account,
        _ => _stackParameter,
    };

    private bool Carries(IOperation? operation, Kind kind, int depth)
    {
        operation = DriftCompilation.Unwrap(operation);
        if (operation is null || depth > 8)
        {
            return false;
        }

        var marked = Marks(kind);
        switch (operation)
        {
            case IPropertyReferenceOperation property:
                return IsSeed(property, kind) || (!property.Property.IsIndexer && marked.Contains(property.Property.OriginalDefinition));
            case IFieldReferenceOperation field:
                return marked.Contains(field.Field.OriginalDefinition);
            case ILocalReferenceOperation local:
                return marked.Contains(local.Local);
            case IParameterReferenceOperation parameter:
                return marked.Contains(parameter.Parameter);
            case IInvocationOperation invocation:
                if (invocation.Instance is { } instance && invocation.TargetMethod.ContainingType.SpecialType == SpecialType.System_String
                    && Array.IndexOf(Normalisers, invocation.TargetMethod.Name) >= 0)
                {
                    return Carries(instance, kind, depth + 1);
                }

                if (kind == Kind.StackParameter && IsTokenConversion(invocation.TargetMethod))
                {
                    return invocation.Arguments.Length > 0 && Carries(invocation.Arguments[0].Value, kind, depth + 1);
                }

                return marked.Contains(invocation.TargetMethod.OriginalDefinition);
            case ICoalesceOperation coalesce:
                return Carries(coalesce.Value, kind, depth + 1) || Carries(coalesce.WhenNull, kind, depth + 1);
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return Carries(conditional.WhenTrue, kind, depth + 1) || Carries(whenFalse, kind, depth + 1);
            default:
                return false;
        }
    }

    private bool IsSeed(IPropertyReferenceOperation reference, Kind kind)
    {
        var property = reference.Property.OriginalDefinition;
        switch (kind)
        {
            case Kind.Tenant:
                return SymbolEqualityComparer.Default.Equals(property, _symbols.TenantIdProperty)
                    || SymbolEqualityComparer.Default.Equals(property, _symbols.InvocationTenantIdProperty);
            case Kind.Account:
                return SymbolEqualityComparer.Default.Equals(property, _symbols.TenantAccountIdProperty)
                    || (property.Name == "ACCOUNT_ID" && SymbolEqualityComparer.Default.Equals(property.ContainingType, _symbols.CdkAws))
                    || (property.Name == "Account" && (SymbolEqualityComparer.Default.Equals(property.ContainingType, _symbols.CdkStack)
                        || KnownTypeSymbols.DerivesFrom(property.ContainingType, _symbols.CdkStack)));
            default:
                return _symbols.CdkCfnParameter is not null
                    && (SymbolEqualityComparer.Default.Equals(property.ContainingType, _symbols.CdkCfnParameter)
                        || KnownTypeSymbols.DerivesFrom(property.ContainingType, _symbols.CdkCfnParameter));
        }
    }

    /// <summary><c>Token.AsNumber(x)</c>, <c>Token.AsString(x)</c>, <c>Fn.*</c>: a CloudFormation value stays one.</summary>
    private bool IsTokenConversion(IMethodSymbol method) =>
        SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.CdkFn)
        || (method.ContainingType is { Name: "Token" } token && SymbolEqualityComparer.Default.Equals(token.ContainingNamespace, _symbols.CdkStack?.ContainingNamespace));

    /// <summary>The ordinal of the parameter whose tenant-named member <paramref name="returned"/> reads (<c>order.TenantId</c>), if any.</summary>
    private int? TenantReadOfParameter(IOperation returned)
    {
        var operation = DriftCompilation.Unwrap(returned);
        var named = operation switch
        {
            IPropertyReferenceOperation property => !property.Property.IsIndexer && PayloadNames.SaysTenant(property.Property, _symbols),
            IFieldReferenceOperation field => PayloadNames.SaysTenant(field.Field, _symbols),
            _ => false,
        };
        if (!named)
        {
            return null;
        }

        for (var current = operation; current is not null;)
        {
            switch (current)
            {
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter.Ordinal;
                case IPropertyReferenceOperation property:
                    current = DriftCompilation.Unwrap(property.Instance);
                    break;
                case IFieldReferenceOperation field:
                    current = DriftCompilation.Unwrap(field.Instance);
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// Whose value a <c>return</c> gives: a local function's, none for a lambda (its value goes wherever the delegate
    /// goes), otherwise the body's owner.
    /// </summary>
    private static ISymbol? ReturnOwner(IOperation operation, ISymbol? owner)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation:
                    return null;
                case ILocalFunctionOperation local:
                    return local.Symbol;
            }
        }

        return owner;
    }

    private static bool IsInSource(IMethodSymbol method)
    {
        foreach (var location in method.Locations)
        {
            if (location.IsInSource)
            {
                return true;
            }
        }

        return false;
    }
}
