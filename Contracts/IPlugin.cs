namespace RnnTui.Contracts;

/// <summary>
/// What every plugin offers the host besides its own contract (<see cref="IOptimizerProvider"/>,
/// <see cref="IComputeBackend"/> or <see cref="ICorpusSource"/>): the settings it takes.
/// </summary>
public interface IPlugin
{
    /// <summary>
    /// The settings the plugin reads from <c>Settings:NAME</c> in <c>plugins.json</c>, with their kinds, defaults,
    /// ranges and command-line options. The host checks every value against them and passes the plugin a value for
    /// each one that has a default. A plugin that defines none gets its settings as they are written, and the host
    /// reports the keys it did not read.
    /// </summary>
    IReadOnlyList<SettingDefinition> Settings => [];
}
