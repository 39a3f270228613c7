namespace RnnTui.Contracts;

/// <summary>
/// Names and describes a plugin type so that the host can list it and select it from <c>plugins.json</c>.
/// Put it on every public class that implements <see cref="IOptimizerProvider"/>, <see cref="IComputeBackend"/>
/// or <see cref="ICorpusSource"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class PluginAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The name users select the plugin by: short, lower case, unique within its kind.</param>
    /// <param name="description">One line saying what the plugin does.</param>
    public PluginAttribute(string name, string description)
    {
        Name = name;
        Description = description;
    }

    /// <summary>The name users select the plugin by, e.g. <c>adagrad</c>.</summary>
    public string Name { get; }

    /// <summary>One line saying what the plugin does.</summary>
    public string Description { get; }
}
