using System.Text;
using System.Text.RegularExpressions;

namespace Course.Testing;

/// <summary>
/// Collects the lines programs print during a test (safe from many threads) and normalises what changes
/// from run to run (ports, times, durations, GUIDs) so the text can be compared with a snapshot.
/// </summary>
public sealed partial class Transcript : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly List<(string Literal, string Placeholder)> _replacements = [];

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_text) _text.Append(value);
    }

    public override void Write(string? value)
    {
        lock (_text) _text.Append(value);
    }

    public override void WriteLine(string? value)
    {
        lock (_text) _text.Append(value).Append('\n');
    }

    /// <summary>Replace every occurrence of <paramref name="literal"/> with <paramref name="placeholder"/>.</summary>
    public Transcript Replace(string literal, string placeholder)
    {
        _replacements.Add((literal, placeholder));
        return this;
    }

    /// <summary>The raw text so far.</summary>
    public string Raw
    {
        get { lock (_text) return _text.ToString(); }
    }

    /// <summary>The text so far, with the replacements applied and then <see cref="Normalise(string)"/>.</summary>
    public override string ToString()
    {
        string text = Raw;
        foreach (var (literal, placeholder) in _replacements) text = text.Replace(literal, placeholder);
        return Normalise(text);
    }

    /// <summary>
    /// The standard normalisation: line endings to \n; ports after an address become <c>&lt;port&gt;</c>;
    /// clock times, durations and GUIDs become placeholders.
    /// </summary>
    public static string Normalise(string text)
    {
        text = text.Replace("\r\n", "\n");
        text = EndPointPattern().Replace(text, "$1:<port>");
        text = ClockPattern().Replace(text, "<time>");
        text = DurationPattern().Replace(text, "<duration>");
        text = GuidPattern().Replace(text, "<guid>");
        return text;
    }

    // 127.0.0.1:54321, [::1]:54321, localhost:54321, 0.0.0.0:54321
    [GeneratedRegex(@"(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\]|localhost):\d{1,5}\b")]
    private static partial Regex EndPointPattern();

    [GeneratedRegex(@"\b\d{2}:\d{2}:\d{2}(?:\.\d+)?\b")]
    private static partial Regex ClockPattern();

    [GeneratedRegex(@"\b\d+(?:\.\d+)?\s?(?:ms|µs|us|ns)\b")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex GuidPattern();
}
