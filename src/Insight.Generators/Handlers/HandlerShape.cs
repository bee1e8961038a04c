using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Insight.Generators.Common;
using Insight.Sdk;
using Insight.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Insight.Generators.Handlers;

/// <summary>A misuse found while reading a handler; the analyzer reports it, the generator skips the handler.</summary>
internal readonly record struct HandlerProblem(DiagnosticDescriptor Descriptor, Location? Location, object?[] Arguments)
{
    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location, Arguments);
}

/// <summary>
/// Reads a handler class into a <see cref="HandlerModel"/>, or says why it cannot. One place decides what a valid
/// handler is, so the generator and the analyzer never disagree.
/// </summary>
internal static class HandlerShape
{
    public const string MethodName = "HandleAsync";

    private const int MinMemory = 128;
    private const int MaxMemory = 10240;
    private const int MaxTimeout = 900;
    private const int MaxBatch = 10000;

    public static HandlerKind? KindOf(string attributeMetadataName) => attributeMetadataName switch
    {
        KnownTypes.ScanEventHandlerAttribute => HandlerKind.Scan,
        KnownTypes.MetricHandlerAttribute => HandlerKind.Metric,
        KnownTypes.ErgonomicsHandlerAttribute => HandlerKind.Ergonomics,
        KnownTypes.EventHandlerAttribute => HandlerKind.General,
        _ => null,
    };

    /// <summary>Returns the model, or <c>null</c> with the reasons in <paramref name="problems"/>.</summary>
    public static HandlerModel? Read(INamedTypeSymbol type, AttributeData attribute, HandlerKind kind, List<HandlerProblem> problems)
    {
        var location = type.Locations.FirstOrDefault();
        var name = type.Name;

        if (!IsPartial(type))
        {
            problems.Add(new(DiagnosticDescriptors.HandlerNotPartial, location, [name]));
        }

        if (type.IsAbstract || type.IsStatic)
        {
            problems.Add(new(DiagnosticDescriptors.UnsupportedHandlerClass, location, [name, "must be a concrete, non-static class"]));
        }

        if (type.IsGenericType)
        {
            problems.Add(new(DiagnosticDescriptors.UnsupportedHandlerClass, location, [name, "must not be generic"]));
        }

        if (type.ContainingType is not null)
        {
            problems.Add(new(DiagnosticDescriptors.UnsupportedHandlerClass, location, [name, "must not be nested in another type"]));
        }

        if (type.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
        {
            problems.Add(new(DiagnosticDescriptors.UnsupportedHandlerClass, location, [name, "must be public or internal"]));
        }

        var constructors = type.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();
        if (constructors.Count != 1 && !type.IsAbstract && !type.IsStatic)
        {
            problems.Add(new(DiagnosticDescriptors.UnsupportedHandlerClass, location,
                [name, $"has {constructors.Count} public constructors; it needs exactly one, whose parameters dependency injection supplies"]));
        }

        var methods = type.GetMembers(MethodName).OfType<IMethodSymbol>()
            .Where(m => m.MethodKind == MethodKind.Ordinary && !m.IsStatic && m.DeclaredAccessibility == Accessibility.Public)
            .ToList();
        if (methods.Count != 1)
        {
            problems.Add(new(DiagnosticDescriptors.HandlerMethodMissing, location,
                [name, methods.Count == 0 ? "has no public instance method HandleAsync" : $"has {methods.Count} public HandleAsync methods"]));
            return null;
        }

        var method = methods[0];
        var methodLocation = method.Locations.FirstOrDefault() ?? location;
        var returnShape = ReadReturn(method.ReturnType);
        if (returnShape is null)
        {
            problems.Add(new(DiagnosticDescriptors.UnsupportedReturnType, methodLocation, [name, method.ReturnType.ToDisplayString()]));
        }

        if (method.Parameters.Length == 0 || method.IsGenericMethod)
        {
            problems.Add(new(DiagnosticDescriptors.HandlerMethodMissing, methodLocation,
                [name, method.IsGenericMethod ? "declares a generic HandleAsync" : "declares HandleAsync without an event parameter"]));
            return null;
        }

        var arguments = ReadArguments(method, name, problems);
        var eventType = method.Parameters[0].Type;
        var trigger = (Trigger)NamedInt(attribute, "Trigger", 0);
        var expected = ExpectedEventType(kind, trigger);
        if (expected is not null && eventType.MetadataName() != expected)
        {
            problems.Add(new(DiagnosticDescriptors.EventTypeMismatch, method.Parameters[0].Locations.FirstOrDefault() ?? methodLocation,
                [name, AttributeShortName(attribute), eventType.ToDisplayString(), expected]));
        }

        var model = new HandlerModel(
            Namespace: type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "",
            ClassName: name,
            FullTypeName: type.ToDisplayString(KnownTypes.FullyQualified),
            DisplayTypeName: type.ToDisplayString(KnownTypes.Readable),
            FunctionName: NamedString(attribute, "Name") ?? name,
            Kind: kind,
            Trigger: trigger,
            Schedule: NamedString(attribute, "Schedule"),
            Route: NamedString(attribute, "Route"),
            Scopes: NamedStrings(attribute, "Scopes"),
            Anonymous: NamedString(attribute, "Anonymous"),
            BatchSize: NamedInt(attribute, "BatchSize", 10),
            MemorySize: NamedInt(attribute, "MemorySize", 512),
            TimeoutSeconds: NamedInt(attribute, "TimeoutSeconds", 30),
            Architecture: (LambdaArchitecture)NamedInt(attribute, "Architecture", 0),
            ArchitectureDeclared: attribute.NamedArguments.Any(a => a.Key == "Architecture"),
            EventType: Ref(eventType),
            ResultType: returnShape?.Result is { } result ? Ref(result) : null,
            Await: returnShape?.Await ?? AwaitKind.Task,
            Arguments: arguments.ToEquatableArray(),
            Dependencies: constructors.Count == 1 ? ReadDependencies(constructors[0]) : EquatableArray<DependencyModel>.Empty);

        CheckOptions(model, attribute, location, problems);
        return problems.Count == 0 ? model : null;
    }

    /// <summary>
    /// Whether a type's JSON metadata is available: the SDK's own context, or one of the project's contexts.
    /// </summary>
    public static bool IsSerializable(TypeRef type, IEnumerable<JsonContextModel> contexts) =>
        type.SdkJsonProperty is not null || contexts.Any(c => c.Types.Contains(type.FullName));

    public static TypeRef Ref(ITypeSymbol type) =>
        new(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(KnownTypes.FullyQualified),
            type.ToDisplayString(KnownTypes.Readable),
            type.Name,
            KnownTypes.SdkJsonProperty(type.MetadataName()));

    private static void CheckOptions(HandlerModel model, AttributeData attribute, Location? location, List<HandlerProblem> problems)
    {
        void Problem(string message) =>
            problems.Add(new(DiagnosticDescriptors.InvalidTriggerOptions, attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? location, [model.ClassName, message]));

        if (!System.Enum.IsDefined(typeof(Trigger), model.Trigger))
        {
            Problem($"Trigger {(int)model.Trigger} is not a known trigger");
        }

        if (model.Trigger == Trigger.Schedule && !IsScheduleExpression(model.Schedule))
        {
            Problem($"a Schedule trigger needs Schedule = \"rate(...)\" or \"cron(...)\", got {(model.Schedule is null ? "none" : $"\"{model.Schedule}\"")}");
        }

        if (model.Trigger != Trigger.Schedule && model.Schedule is not null)
        {
            Problem("Schedule is set but the trigger is not Trigger.Schedule");
        }

        if (model.Trigger == Trigger.HttpApi && !IsRouteKey(model.Route))
        {
            Problem($"an HttpApi trigger needs Route = \"METHOD /path\", got {(model.Route is null ? "none" : $"\"{model.Route}\"")}");
        }

        if (model.Trigger != Trigger.HttpApi && model.Route is not null)
        {
            Problem("Route is set but the trigger is not Trigger.HttpApi");
        }

        if (model.Trigger != Trigger.HttpApi && (model.Scopes.Count > 0 || model.Anonymous is not null))
        {
            Problem("Scopes and Anonymous apply to HTTP routes, but the trigger is not Trigger.HttpApi");
        }

        if (model.Anonymous is not null && model.Scopes.Count > 0)
        {
            Problem("a route is either Anonymous or requires Scopes, not both");
        }

        if (model.Anonymous is { } reason && string.IsNullOrWhiteSpace(reason))
        {
            Problem("Anonymous needs the reason the route takes callers without a token, e.g. \"health probe for the load balancer\"");
        }

        foreach (var scope in model.Scopes)
        {
            if (string.IsNullOrWhiteSpace(scope) || scope.Any(char.IsWhiteSpace))
            {
                Problem($"scope \"{scope}\" is not a scope: scopes are single words such as \"ergonomics:read\"");
            }
        }

        if (model.Trigger == Trigger.SqsBatch && model.ResultType is not null)
        {
            Problem("an SqsBatch handler returns Task or ValueTask: the batch response is the list of failed messages");
        }

        if (model.IsRawHttp && model.ResultType?.SdkJsonProperty != "HttpApiResponse")
        {
            Problem("a handler that takes HttpApiRequest must return Task<HttpApiResponse> or ValueTask<HttpApiResponse>");
        }

        if (model.MemorySize is < MinMemory or > MaxMemory)
        {
            Problem($"MemorySize must be {MinMemory}–{MaxMemory} MB, got {model.MemorySize}");
        }

        if (model.TimeoutSeconds is < 1 or > MaxTimeout)
        {
            Problem($"TimeoutSeconds must be 1–{MaxTimeout}, got {model.TimeoutSeconds}");
        }

        if (model.BatchSize is < 1 or > MaxBatch)
        {
            Problem($"BatchSize must be 1–{MaxBatch}, got {model.BatchSize}");
        }

        if (model.FunctionName.Length is 0 or > 64 || !model.FunctionName.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
        {
            Problem($"Name \"{model.FunctionName}\" must be 1–64 letters, digits, '-' or '_' (it becomes the _HANDLER key and part of the function name)");
        }
    }

    private static bool IsScheduleExpression(string? value) =>
        value is not null && (value.StartsWith("rate(", System.StringComparison.Ordinal) || value.StartsWith("cron(", System.StringComparison.Ordinal)) && value.EndsWith(")", System.StringComparison.Ordinal);

    private static bool IsRouteKey(string? value)
    {
        if (value is null)
        {
            return false;
        }

        var space = value.IndexOf(' ');
        return space > 0 && space + 1 < value.Length && value[space + 1] == '/';
    }

    private static string? ExpectedEventType(HandlerKind kind, Trigger trigger) => kind switch
    {
        HandlerKind.Scan => KnownTypes.ScanEvent,
        HandlerKind.Metric => KnownTypes.MetricSample,
        HandlerKind.Ergonomics => KnownTypes.ErgonomicsEvent,
        _ when trigger == Trigger.Schedule => KnownTypes.ScheduledEvent,
        _ => null,
    };

    private static (AwaitKind Await, ITypeSymbol? Result)? ReadReturn(ITypeSymbol returnType)
    {
        if (returnType is not INamedTypeSymbol named)
        {
            return null;
        }

        var definition = named.IsGenericType ? named.ConstructedFrom.MetadataName() : named.MetadataName();
        return definition switch
        {
            KnownTypes.Task => (AwaitKind.Task, null),
            KnownTypes.ValueTask => (AwaitKind.ValueTask, null),
            KnownTypes.TaskOfT => (AwaitKind.Task, named.TypeArguments[0]),
            KnownTypes.ValueTaskOfT => (AwaitKind.ValueTask, named.TypeArguments[0]),
            _ => null,
        };
    }

    private static List<HandlerArgument> ReadArguments(IMethodSymbol method, string className, List<HandlerProblem> problems)
    {
        var arguments = new List<HandlerArgument> { new(ArgumentSource.Event) };
        var seen = new HashSet<ArgumentSource>();
        foreach (var parameter in method.Parameters.Skip(1))
        {
            ArgumentSource? source = parameter.Type.MetadataName() switch
            {
                KnownTypes.TenantContext => ArgumentSource.Tenant,
                KnownTypes.InvocationContext => ArgumentSource.Invocation,
                KnownTypes.CancellationToken => ArgumentSource.CancellationToken,
                _ => null,
            };
            if (source is null || !seen.Add(source.Value) || parameter.RefKind != RefKind.None)
            {
                problems.Add(new(DiagnosticDescriptors.UnsupportedParameter, parameter.Locations.FirstOrDefault(),
                    [parameter.Name, className, parameter.Type.ToDisplayString()]));
                continue;
            }

            arguments.Add(new HandlerArgument(source.Value));
        }

        return arguments;
    }

    private static EquatableArray<DependencyModel> ReadDependencies(IMethodSymbol constructor) =>
        constructor.Parameters.Select(ReadDependency).ToEquatableArray();

    private static DependencyModel ReadDependency(IParameterSymbol parameter)
    {
        var type = parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        var optional = parameter.HasExplicitDefaultValue || parameter.NullableAnnotation == NullableAnnotation.Annotated;
        if (type is IErrorTypeSymbol)
        {
            return new DependencyModel(type.Name, type.Name, optional, UnresolvedName: type.Name);
        }

        return new DependencyModel(type.ToDisplayString(KnownTypes.FullyQualified), type.ToDisplayString(KnownTypes.Readable), optional, Table: ReadTableUse(type));
    }

    /// <summary>A table type from a referenced assembly: a <c>DynamoReader&lt;T&gt;</c> or <c>DynamoTable&lt;T&gt;</c>.</summary>
    private static TableDependency? ReadTableUse(ITypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            var definition = current.IsGenericType ? current.ConstructedFrom.MetadataName() : current.MetadataName();
            if (definition is KnownTypes.DynamoTable or KnownTypes.DynamoReader && current.TypeArguments[0] is INamedTypeSymbol entity)
            {
                var name = entity.GetAttributes().FirstOrDefault(a => a.AttributeClass?.MetadataName() == KnownTypes.DynamoTableAttribute)?
                    .ConstructorArguments.FirstOrDefault().Value as string ?? entity.Name;
                return new TableDependency(name, ReadOnly: definition == KnownTypes.DynamoReader);
            }
        }

        return null;
    }

    private static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is ClassDeclarationSyntax c && c.Modifiers.Any(m => m.ValueText == "partial"));

    private static string AttributeShortName(AttributeData attribute)
    {
        var name = attribute.AttributeClass?.Name ?? "Handler";
        return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }

    private static string? NamedString(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value as string;

    /// <summary>The MSBuild property a service declares its one architecture with (arm64 or x86_64).</summary>
    public const string ArchitectureProperty = "build_property.InsightArchitecture";

    /// <summary>The architecture <paramref name="declared"/> names, or null when it names none.</summary>
    public static LambdaArchitecture? ParseArchitecture(string? declared) => declared?.Trim().ToLowerInvariant() switch
    {
        "arm64" => LambdaArchitecture.Arm64,
        "x86_64" or "x64" => LambdaArchitecture.X86_64,
        _ => null,
    };

    /// <summary>How manifests and messages name an architecture.</summary>
    public static string ArchitectureName(LambdaArchitecture architecture) => architecture == LambdaArchitecture.X86_64 ? "x86_64" : "arm64";

    private static EquatableArray<string> NamedStrings(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value is { Kind: TypedConstantKind.Array, IsNull: false } array
            ? array.Values.Select(v => v.Value as string).Where(v => v is not null).Select(v => v!).ToEquatableArray()
            : EquatableArray<string>.Empty;

    private static int NamedInt(AttributeData attribute, string name, int fallback) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value is int value ? value : fallback;
}
