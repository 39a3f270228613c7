namespace RnnTui.Testing;

/// <summary>A short original text with much to learn quickly: a few sentences a tiny network memorizes in a few hundred updates.</summary>
internal static class SampleText
{
    public const string Text =
        "At dusk the keeper climbs the tower stair and lights the lamp. Out on the grey water the boats see the light "
        + "and turn for home. The wind drops, the tide comes in, and the harbour fills with boats. At dawn the keeper puts "
        + "out the lamp and sleeps until the gulls call.\n";

    /// <summary>The text with a line of characters beyond ASCII, for corpus plugins: what a file of UTF-8 text holds.</summary>
    public const string Unicode = Text + "Ione\u2019s caf\u00e9 on the quay \u2014 \u00bfm\u00e1s t\u00e9? \u2603\n";
}
