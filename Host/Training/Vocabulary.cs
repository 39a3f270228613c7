namespace RnnTui.Training;

/// <summary>
/// The distinct UTF-16 characters of a text, sorted by code point; a character's index is its one-hot position.
/// Surrogate halves and combining marks are kept as they come.
/// </summary>
internal sealed class Vocabulary
{
    private readonly char[] _characters;
    private readonly int[] _indexOf;

    public Vocabulary(IEnumerable<char> characters)
    {
        _characters = characters.Distinct().Order().ToArray();
        _indexOf = new int[char.MaxValue + 1];
        Array.Fill(_indexOf, -1);
        for (var i = 0; i < _characters.Length; i++)
        {
            _indexOf[_characters[i]] = i;
        }
    }

    /// <summary>K, the number of distinct characters.</summary>
    public int Count => _characters.Length;

    /// <summary>The characters in index order.</summary>
    public IReadOnlyList<char> Characters => _characters;

    public static Vocabulary Of(string text) => new(text);

    /// <summary>The character at an index.</summary>
    public char this[int index] => _characters[index];

    /// <summary>The index of a character, or -1 when it is not in the vocabulary.</summary>
    public int IndexOf(char character) => _indexOf[character];

    /// <summary>Whether the character is in the vocabulary.</summary>
    public bool Contains(char character) => _indexOf[character] >= 0;

    /// <summary>Encodes a text all of whose characters are in the vocabulary.</summary>
    /// <exception cref="ArgumentException">A character is not in the vocabulary.</exception>
    public int[] Encode(ReadOnlySpan<char> text)
    {
        var codes = new int[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var index = _indexOf[text[i]];
            codes[i] = index >= 0 ? index : throw new ArgumentException($"character U+{(int)text[i]:X4} is not in the vocabulary");
        }

        return codes;
    }

    /// <summary>The distinct characters of a text that are not in the vocabulary, in order of first appearance.</summary>
    public IReadOnlyList<char> Unknown(ReadOnlySpan<char> text)
    {
        var unknown = new List<char>();
        foreach (var character in text)
        {
            if (_indexOf[character] < 0 && !unknown.Contains(character))
            {
                unknown.Add(character);
            }
        }

        return unknown;
    }

    /// <summary>Decodes indices into text.</summary>
    public string Decode(ReadOnlySpan<int> codes)
    {
        var characters = new char[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            characters[i] = _characters[codes[i]];
        }

        return new string(characters);
    }
}
