using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Insight.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Insight.Generators.Drift;

/// <summary>
/// The well-known symbols the drift analyzers compare against, resolved once per compilation. <see cref="Read"/>
/// returns <c>null</c> for a compilation that is neither service code (references Insight.Sdk) nor infrastructure
/// code (references Amazon.CDK.Lib), or that is a test project, so the analyzers register nothing there.
/// </summary>
internal sealed class DriftCompilation
{
    /// <summary>Tests pin accounts, regions and local endpoints on purpose; drift is about deployed code.</summary>
    private static readonly string[] TestFrameworks = ["xunit.core", "xunit.v3.core", "nunit.framework", "Microsoft.VisualStudio.TestPlatform.TestFramework", "TUnit.Core"];

    private static readonly ConditionalWeakTable<Compilation, DriftCompilation> Cache = new();

    private readonly Lazy<bool> _hasHandlers;
    private readonly Lazy<ValueFlow> _flow;
    private readonly Lazy<HashSet<ITypeSymbol>> _payloadTypes;

    private DriftCompilation(Compilation compilation)
    {
        Compilation = compilation;
        Symbols = KnownTypeSymbols.For(compilation);
        _hasHandlers = new Lazy<bool>(() => HandlerAttribute is not null && SourceTypes(compilation.Assembly.GlobalNamespace).Any(IsHandler), LazyThreadSafetyMode.ExecutionAndPublication);
        _flow = new Lazy<ValueFlow>(() => ValueFlow.Build(Symbols, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
        _payloadTypes = new Lazy<HashSet<ITypeSymbol>>(FindPayloadTypes, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>How tenant ids, accounts and stack parameters travel in this compilation; walked once, on first need, for every rule.</summary>
    public ValueFlow Flow => _flow.Value;

    public Compilation Compilation { get; }

    /// <summary>The well-known types, resolved once per compilation.</summary>
    public KnownTypeSymbols Symbols { get; }

    public INamedTypeSymbol? TenantContext => Symbols.TenantContext;

    public INamedTypeSymbol? InvocationContext => Symbols.InvocationContext;

    public INamedTypeSymbol? HandlerAttribute => Symbols.HandlerAttribute;

    public INamedTypeSymbol? FunctionStartupAttribute => Symbols.FunctionStartupAttribute;

    public INamedTypeSymbol? CdkStack => Symbols.CdkStack;

    public IPropertySymbol? TenantIdProperty => Symbols.TenantIdProperty;

    public IPropertySymbol? InvocationTenantIdProperty => Symbols.InvocationTenantIdProperty;

    /// <summary>Service code: the compilation references Insight.Sdk.</summary>
    public bool IsService => TenantContext is not null;

    /// <summary>Infrastructure code: the compilation references Amazon.CDK.Lib; its account and region are <c>Aws.ACCOUNT_ID</c>/<c>Aws.REGION</c>.</summary>
    public bool IsInfrastructure => CdkStack is not null;

    /// <summary>Whether the project declares any handler; looked at once, the first time a rule needs it.</summary>
    public bool HasHandlers => _hasHandlers.Value;

    public static DriftCompilation? Read(Compilation compilation)
    {
        foreach (var assembly in compilation.ReferencedAssemblyNames)
        {
            if (Array.IndexOf(TestFrameworks, assembly.Name) >= 0)
            {
                return null;
            }
        }

        // One instance per compilation, shared by every drift analyzer, so what it caches is computed once.
        var drift = Cache.GetValue(compilation, static c => new DriftCompilation(c));
        return drift.IsService || drift.IsInfrastructure ? drift : null;
    }

    /// <summary>Whether the type carries one of the SDK's handler attributes.</summary>
    public bool IsHandler(INamedTypeSymbol type)
    {
        if (HandlerAttribute is null)
        {
            return false;
        }

        foreach (var attribute in type.GetAttributes())
        {
            for (var attributeType = attribute.AttributeClass; attributeType is not null; attributeType = attributeType.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(attributeType, HandlerAttribute))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The handler class that contains <paramref name="symbol"/>, if any.</summary>
    public INamedTypeSymbol? ContainingHandler(ISymbol symbol)
    {
        for (var type = symbol as INamedTypeSymbol ?? symbol.ContainingType; type is not null; type = type.ContainingType)
        {
            if (IsHandler(type))
            {
                return type;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="symbol"/> is a handler's <c>HandleAsync</c> (or a lambda or local function in it).</summary>
    public IMethodSymbol? EnclosingHandleAsync(ISymbol symbol)
    {
        for (var current = symbol; current is IMethodSymbol method; current = method.ContainingSymbol)
        {
            if (method.MethodKind == MethodKind.Ordinary && method.Name == Handlers.HandlerShape.MethodName && IsHandler(method.ContainingType))
            {
                return method;
            }
        }

        return null;
    }

    /// <summary>
    /// A C# expression of a <c>TenantContext</c> usable where <paramref name="containingSymbol"/>'s code runs: a
    /// parameter of the method (or of an enclosing one), an <c>InvocationContext</c> parameter's <c>Tenant</c>, or, in
    /// instance code, a primary-constructor parameter, field or property of the type. <c>null</c> when none is in scope.
    /// </summary>
    public string? TenantInScope(ISymbol containingSymbol)
    {
        if (TenantContext is null)
        {
            return null;
        }

        var isStatic = false;
        for (var current = containingSymbol; current is IMethodSymbol method; current = method.ContainingSymbol)
        {
            isStatic |= method.IsStatic;
            foreach (var parameter in method.Parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(parameter.Type, TenantContext))
                {
                    return parameter.Name;
                }

                if (InvocationContext is not null && SymbolEqualityComparer.Default.Equals(parameter.Type, InvocationContext))
                {
                    return parameter.Name + ".Tenant";
                }
            }
        }

        var type = containingSymbol.ContainingType;
        if (type is null || isStatic || containingSymbol.IsStatic)
        {
            return null;
        }

        foreach (var member in type.GetMembers())
        {
            var memberType = member switch
            {
                IFieldSymbol { IsImplicitlyDeclared: false } field => field.Type,
                IPropertySymbol property => property.Type,
                _ => null,
            };
            if (memberType is not null && !member.IsStatic && SymbolEqualityComparer.Default.Equals(memberType, TenantContext))
            {
                return member.Name;
            }
        }

        foreach (var constructor in type.InstanceConstructors)
        {
            if (IsPrimaryConstructor(constructor))
            {
                foreach (var parameter in constructor.Parameters)
                {
                    if (SymbolEqualityComparer.Default.Equals(parameter.Type, TenantContext))
                    {
                        return parameter.Name;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="operation"/> yields the deployment's tenant id: <c>TenantContext.TenantId</c>,
    /// <c>InvocationContext.InvocationTenantId</c>, or a local, field, property, parameter or method result that
    /// carries it (see <see cref="ValueFlow"/>).
    /// </summary>
    public bool IsTenantId(IOperation? operation, CancellationToken cancellationToken) =>
        TenantContext is not null && operation is not null && Flow.IsTenantId(operation);

    /// <summary>The event types of the project's handlers (each HandleAsync's first parameter): what a payload is.</summary>
    public bool IsPayloadType(ITypeSymbol? type) => type is not null && _payloadTypes.Value.Contains(type);

    private HashSet<ITypeSymbol> FindPayloadTypes()
    {
        var types = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var type in SourceTypes(Compilation.Assembly.GlobalNamespace))
        {
            if (IsHandler(type))
            {
                foreach (var member in type.GetMembers(Handlers.HandlerShape.MethodName))
                {
                    if (member is IMethodSymbol { Parameters.Length: > 0 } method)
                    {
                        types.Add(method.Parameters[0].Type);
                    }
                }
            }
        }

        return types;
    }

    /// <summary>Strips implicit conversions, parentheses and <c>?.</c> so the interesting operation is compared.</summary>
    public static IOperation? Unwrap(IOperation? operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation { IsImplicit: true } conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                case IConditionalAccessOperation conditional:
                    operation = conditional.WhenNotNull;
                    break;
                default:
                    return operation;
            }
        }
    }

    /// <summary>The symbol an expression reads (property, field, local or parameter), for rules that go by its name.</summary>
    public static ISymbol? ReferencedSymbol(IOperation? operation) => Unwrap(operation) switch
    {
        IPropertyReferenceOperation property => property.Property,
        IFieldReferenceOperation field => field.Field,
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IInvocationOperation { Instance: { } instance } => ReferencedSymbol(instance),
        _ => null,
    };

    /// <summary>
    /// For the element parameter of a lambda given to a method of a collection, that collection:
    /// <c>tenants</c> in <c>tenants.Any(t => …)</c>, <c>order.Lines</c> in <c>order.Lines.Select(l => l.TenantId)</c>.
    /// </summary>
    public static IOperation? ElementSource(IParameterReferenceOperation reference)
    {
        if (reference.Parameter is not { Ordinal: 0, ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda })
        {
            return null;
        }

        for (var current = reference.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation function && SymbolEqualityComparer.Default.Equals(function.Symbol, lambda))
            {
                var given = function.Parent is IDelegateCreationOperation creation ? creation.Parent : function.Parent;
                return given is IArgumentOperation { Parent: IInvocationOperation invocation } argument
                    ? invocation.Instance ?? (invocation.Arguments.Length > 1 && invocation.Arguments[0] != argument ? invocation.Arguments[0].Value : null)
                    : null;
            }
        }

        return null;
    }

    /// <summary>For the iteration variable of a <c>foreach</c>, the collection it walks.</summary>
    public static IOperation? ElementSource(ILocalReferenceOperation reference)
    {
        for (var current = reference.Parent; current is not null; current = current.Parent)
        {
            if (current is IForEachLoopOperation loop && loop.LoopControlVariable is IVariableDeclaratorOperation declarator
                && SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local))
            {
                return loop.Collection;
            }
        }

        return null;
    }

    /// <summary>
    /// The value a pattern is tested on: <c>order</c> in <c>order is { TenantId: var owner }</c>, the member in a nested
    /// property pattern, the switched-on value of a switch.
    /// </summary>
    public static IOperation? TestedValue(IPatternOperation pattern)
    {
        IOperation outermost = pattern;
        while (outermost.Parent is IPatternOperation enclosing)
        {
            outermost = enclosing;
        }

        return outermost.Parent switch
        {
            IIsPatternOperation test => test.Value,
            IPropertySubpatternOperation nested => nested.Member,
            ISwitchExpressionArmOperation { Parent: ISwitchExpressionOperation switchExpression } => switchExpression.Value,
            IPatternCaseClauseOperation { Parent.Parent: ISwitchOperation switchStatement } => switchStatement.Value,
            _ => null,
        };
    }

    /// <summary>For a variable a pattern declares (<c>request.QueryStringParameters is { } q</c>), the value tested.</summary>
    public static IOperation? PatternSource(ILocalReferenceOperation reference) =>
        Declaration(reference) is IPatternOperation pattern ? TestedValue(pattern) : null;

    /// <summary>
    /// The operation that declares a local: its declarator (<c>var x = …</c>), or the pattern whose designation it is
    /// (<c>is { } q</c>, <c>is var q</c>, <c>is string s</c>). Found from the declaring syntax, not by walking the body.
    /// </summary>
    public static IOperation? Declaration(ILocalReferenceOperation reference, CancellationToken cancellationToken = default)
    {
        foreach (var declaring in reference.Local.DeclaringSyntaxReferences)
        {
            var syntax = declaring.GetSyntax(cancellationToken);
            var declaration = syntax is SingleVariableDesignationSyntax { Parent: PatternSyntax pattern } ? pattern : syntax;
            if (reference.SemanticModel?.GetOperation(declaration, cancellationToken) is { } operation)
            {
                return operation;
            }
        }

        return null;
    }

    /// <summary>A type of the AWS SDK for .NET (namespace <c>Amazon.*</c>, not the CDK's <c>Amazon.CDK.*</c> or jsii's).</summary>
    public static bool IsAwsSdkType(ITypeSymbol? type)
    {
        var ns = type?.ContainingNamespace;
        INamespaceSymbol? second = null;
        while (ns is { IsGlobalNamespace: false, ContainingNamespace.IsGlobalNamespace: false })
        {
            second = ns;
            ns = ns.ContainingNamespace;
        }

        return ns is { IsGlobalNamespace: false, Name: "Amazon" } && second?.Name is not ("CDK" or "JSII");
    }

    /// <summary>Whether the namespace of <paramref name="type"/> is exactly <paramref name="ns"/>.</summary>
    public static bool IsIn(ISymbol? type, INamespaceSymbol? ns) =>
        ns is not null && SymbolEqualityComparer.Default.Equals(type?.ContainingNamespace, ns);

    private static bool IsPrimaryConstructor(IMethodSymbol constructor)
    {
        foreach (var reference in constructor.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is TypeDeclarationSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<INamedTypeSymbol> SourceTypes(INamespaceSymbol ns)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol child)
            {
                foreach (var type in SourceTypes(child))
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol type && type.Locations.Any(l => l.IsInSource))
            {
                yield return type;
            }
        }
    }
}
