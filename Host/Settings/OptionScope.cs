namespace RnnTui.Settings;

/// <summary>Which commands offer a setting's command-line option.</summary>
[Flags]
internal enum OptionScope
{
    None = 0,

    /// <summary><c>rnntui</c>, <c>rnntui train</c> (interactive and headless).</summary>
    Train = 1,

    /// <summary><c>rnntui gradcheck</c>.</summary>
    GradientCheck = 2,

    /// <summary><c>rnntui bench</c>.</summary>
    Bench = 4,

    /// <summary><c>rnntui sample</c>.</summary>
    Sample = 8,

    /// <summary><c>rnntui report</c>.</summary>
    Report = 16,

    /// <summary><c>rnntui runs</c>.</summary>
    Runs = 32,

    /// <summary><c>rnntui plugins</c>.</summary>
    Plugins = 64,

    /// <summary><c>rnntui plugins check</c>: the options of the plugin checked.</summary>
    Check = 128,

    /// <summary>The commands that build a network: train, gradcheck and bench.</summary>
    Training = Train | GradientCheck | Bench,

    /// <summary>The commands that open runs.</summary>
    RunStore = Train | Sample | Report | Runs,
}
