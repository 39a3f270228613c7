namespace RnnTui.Settings;

/// <summary>Which plugins to use, where else to look for them, and which to leave out.</summary>
[SettingsSection("Plugins", "which plugins to use, extra plugin folders and plugins turned off")]
internal sealed record PluginSelection
{
    [Setting("optimizer plugin (adagrad, adam, rmsprop, sgd, ...)", Option = "optimizer", ValueName = "NAME")]
    public string Optimizer { get; init; } = "adagrad";

    [Setting("compute backend plugin (simd, managed, ...)", Option = "backend", ValueName = "NAME", Scope = OptionScope.Training | OptionScope.Sample)]
    public string Backend { get; init; } = "simd";

    [Setting("the network: rnn (the vanilla RNN), gru, lstm, ...", Option = "model", ValueName = "NAME")]
    public string Model { get; init; } = RnnTui.Contracts.RnnShape.VanillaModel;

    [Setting("corpus plugin: where the training text comes from (textfile, ...)", Option = "corpus-plugin", ValueName = "NAME")]
    public string Corpus { get; init; } = "textfile";

    [Setting("more folders to load plugins from (relative to the settings file)", IsPath = true)]
    public IReadOnlyList<string> Folders { get; init; } = [];

    /// <summary>
    /// Plugin names to leave out, or paths (an entry with a <c>/</c>, relative to the settings file) of plugin DLLs or
    /// folders whose plugins are left out: a name turns off every plugin of that name, a path one of two that clash.
    /// </summary>
    [Setting("plugin names, or paths of plugin DLLs or folders (an entry with a /, relative to the settings file), to leave out", EntriesWithSlashArePaths = true)]
    public IReadOnlyList<string> Disabled { get; init; } = [];
}
