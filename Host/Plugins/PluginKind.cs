using RnnTui.Contracts;

namespace RnnTui.Plugins;

/// <summary>The four things a plugin can be.</summary>
internal enum PluginKind
{
    Optimizer,
    Backend,
    Corpus,
    Model,
}

/// <summary>The contract of each kind.</summary>
internal static class PluginKinds
{
    /// <summary>The kind whose contract is <typeparamref name="T"/>.</summary>
    public static PluginKind Of<T>()
        where T : IPlugin => Of(typeof(T)) ?? throw new ArgumentException($"{typeof(T).Name} is not a plugin contract");

    /// <summary>The kind of a type that implements a plugin contract, or null.</summary>
    public static PluginKind? Of(Type type) =>
        typeof(IOptimizerProvider).IsAssignableFrom(type) ? PluginKind.Optimizer
        : typeof(IComputeBackend).IsAssignableFrom(type) ? PluginKind.Backend
        : typeof(ICorpusSource).IsAssignableFrom(type) ? PluginKind.Corpus
        : typeof(IRecurrentModel).IsAssignableFrom(type) ? PluginKind.Model
        : null;

    /// <summary>The kind's name in messages and lists: <c>optimizer</c>, <c>backend</c>, <c>corpus</c>, <c>model</c>.</summary>
    public static string Word(this PluginKind kind) => kind.ToString().ToLowerInvariant();
}
