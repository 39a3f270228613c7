namespace RnnTui.Tests.Ui;

/// <summary>
/// Terminal.Gui keeps process-wide state (configuration, the driver registry), and the end-to-end test owns a terminal:
/// these tests run one at a time and never beside the others.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TerminalGuiCollection
{
    public const string Name = "Terminal.Gui";
}
