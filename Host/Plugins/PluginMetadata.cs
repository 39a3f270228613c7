using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using RnnTui.Contracts;

namespace RnnTui.Plugins;

/// <summary>
/// What a plugin DLL's metadata says, read without loading it, so that none of its code runs: whether it is a .NET
/// assembly built against a version of the contracts this rnntui can serve, and the plugins its <c>[Plugin]</c>
/// attributes declare, so that a plugin that is refused or fails to load is still named when it is selected.
/// </summary>
internal sealed class PluginMetadata
{
    private static readonly AssemblyName Contracts = typeof(IOptimizerProvider).Assembly.GetName();

    private static readonly Dictionary<string, PluginKind> Kinds = new(StringComparer.Ordinal)
    {
        [nameof(IOptimizerProvider)] = PluginKind.Optimizer,
        [nameof(IComputeBackend)] = PluginKind.Backend,
        [nameof(ICorpusSource)] = PluginKind.Corpus,
        [nameof(IRecurrentModel)] = PluginKind.Model,
    };

    private PluginMetadata(string? problem, IReadOnlyList<PluginName> declared)
    {
        Problem = problem;
        Declared = declared;
    }

    /// <summary>Why the DLL cannot be loaded, or null.</summary>
    public string? Problem { get; }

    /// <summary>The plugins the DLL's types declare, in the order of its metadata.</summary>
    public IReadOnlyList<PluginName> Declared { get; }

    /// <summary>Reads a DLL's metadata.</summary>
    public static PluginMetadata Read(string dll)
    {
        try
        {
            using var stream = File.OpenRead(dll);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return NotDotNet();
            }

            var metadata = pe.GetMetadataReader();
            return metadata.IsAssembly ? new PluginMetadata(ContractsProblem(metadata), Declarations(metadata)) : NotDotNet();
        }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException)
        {
            return NotDotNet();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new PluginMetadata($"cannot read: {e.Message}", []);
        }
    }

    /// <summary>
    /// A plugin built against a newer contracts than this rnntui's may use what this one lacks and fail at any moment
    /// (the runtime would bind it to the older assembly), one built against another major version is not compatible
    /// at all: both are refused here, before any of their code runs. An older minor version is what semantic
    /// versioning promises to serve.
    /// </summary>
    private static string? ContractsProblem(MetadataReader metadata)
    {
        var have = Contracts.Version!;
        foreach (var handle in metadata.AssemblyReferences)
        {
            var reference = metadata.GetAssemblyReference(handle);
            if (metadata.GetString(reference.Name) != Contracts.Name)
            {
                continue;
            }

            var needed = reference.Version;
            if (needed > have)
            {
                return $"built against {Contracts.Name} {needed}, newer than this rnntui's {have}: upgrade rnntui, or rebuild the plugin against {Contracts.Name} {have.ToString(2)}";
            }

            if (needed.Major != have.Major)
            {
                return $"built against {Contracts.Name} {needed}, an older major version than this rnntui's {have}: rebuild the plugin against {Contracts.Name} {have.ToString(2)}";
            }
        }

        return null;
    }

    /// <summary>The names of the <c>[Plugin(name, description)]</c> attributes, with the contract each type implements directly.</summary>
    private static List<PluginName> Declarations(MetadataReader metadata)
    {
        var names = new List<PluginName>();
        try
        {
            foreach (var typeHandle in metadata.TypeDefinitions)
            {
                var type = metadata.GetTypeDefinition(typeHandle);
                foreach (var attributeHandle in type.GetCustomAttributes())
                {
                    var attribute = metadata.GetCustomAttribute(attributeHandle);
                    if (!IsContractsType(metadata, ParentOf(metadata, attribute.Constructor), nameof(PluginAttribute)))
                    {
                        continue;
                    }

                    // An attribute's value starts with the prolog 0x0001, then its constructor's arguments.
                    var value = metadata.GetBlobReader(attribute.Value);
                    if (value.ReadUInt16() == 1 && value.ReadSerializedString() is { Length: > 0 } name)
                    {
                        names.Add(new PluginName(KindOf(metadata, type), name));
                    }
                }
            }
        }
        catch (BadImageFormatException)
        {
            // Names are a help for messages; a DLL whose attributes cannot be read is reported for what it is when loaded.
        }

        return names;
    }

    private static PluginKind? KindOf(MetadataReader metadata, TypeDefinition type)
    {
        foreach (var handle in type.GetInterfaceImplementations())
        {
            var contract = metadata.GetInterfaceImplementation(handle).Interface;
            foreach (var (name, kind) in Kinds)
            {
                if (IsContractsType(metadata, contract, name))
                {
                    return kind;
                }
            }
        }

        return null;
    }

    private static EntityHandle ParentOf(MetadataReader metadata, EntityHandle constructor) =>
        constructor.Kind == HandleKind.MemberReference ? metadata.GetMemberReference((MemberReferenceHandle)constructor).Parent : default;

    private static bool IsContractsType(MetadataReader metadata, EntityHandle handle, string name)
    {
        if (handle.IsNil || handle.Kind != HandleKind.TypeReference)
        {
            return false;
        }

        var reference = metadata.GetTypeReference((TypeReferenceHandle)handle);
        return metadata.StringComparer.Equals(reference.Name, name) && metadata.StringComparer.Equals(reference.Namespace, "RnnTui.Contracts");
    }

    private static PluginMetadata NotDotNet() => new("not a .NET assembly", []);
}
