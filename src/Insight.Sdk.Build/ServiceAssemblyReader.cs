using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Insight.Sdk.Build;

/// <summary>
/// Reads what the Insight generator compiled into a service assembly — the manifest and the handler classes — from its
/// metadata, without loading it: this works for any target architecture, a cross-compiled arm64 service included.
/// </summary>
internal sealed class ServiceAssemblyReader
{
    /// <summary>The <c>AssemblyMetadata</c> key of the manifest (<c>Insight.Sdk.Manifest.ServiceManifest.MetadataKey</c>).</summary>
    public const string ManifestKey = "Insight.Manifest";

    private static readonly HashSet<string> HandlerAttributes = new(StringComparer.Ordinal)
    {
        "ScanEventHandlerAttribute", "MetricHandlerAttribute", "ErgonomicsHandlerAttribute", "EventHandlerAttribute",
    };

    private ServiceAssemblyReader(string? manifest, IReadOnlyList<string> handlerTypes)
    {
        Manifest = manifest;
        HandlerTypes = handlerTypes;
    }

    /// <summary>The manifest JSON, or null when the assembly carries none.</summary>
    public string? Manifest { get; }

    /// <summary>The classes marked with one of the SDK's handler attributes.</summary>
    public IReadOnlyList<string> HandlerTypes { get; }

    public static ServiceAssemblyReader Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException($"{assemblyPath} is not a .NET assembly.");
        }

        var metadata = pe.GetMetadataReader();
        string? manifest = null;
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (AttributeType(metadata, attribute) is ("System.Reflection", "AssemblyMetadataAttribute"))
            {
                var value = metadata.GetBlobReader(attribute.Value);
                if (value.ReadUInt16() == 1 && value.ReadSerializedString() == ManifestKey)
                {
                    manifest = value.ReadSerializedString();
                }
            }
        }

        var handlers = new List<string>();
        foreach (var typeHandle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(typeHandle);
            foreach (var handle in type.GetCustomAttributes())
            {
                if (AttributeType(metadata, metadata.GetCustomAttribute(handle)) is ("Insight.Sdk", var name) && HandlerAttributes.Contains(name))
                {
                    var ns = metadata.GetString(type.Namespace);
                    handlers.Add(ns.Length == 0 ? metadata.GetString(type.Name) : ns + "." + metadata.GetString(type.Name));
                }
            }
        }

        return new ServiceAssemblyReader(manifest, handlers);
    }

    private static (string Namespace, string Name) AttributeType(MetadataReader metadata, CustomAttribute attribute)
    {
        switch (attribute.Constructor.Kind)
        {
            case HandleKind.MemberReference:
                var member = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                if (member.Parent.Kind == HandleKind.TypeReference)
                {
                    var reference = metadata.GetTypeReference((TypeReferenceHandle)member.Parent);
                    return (metadata.GetString(reference.Namespace), metadata.GetString(reference.Name));
                }

                break;
            case HandleKind.MethodDefinition:
                var method = metadata.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor);
                var definition = metadata.GetTypeDefinition(method.GetDeclaringType());
                return (metadata.GetString(definition.Namespace), metadata.GetString(definition.Name));
        }

        return ("", "");
    }
}
