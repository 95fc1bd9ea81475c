using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Course.Cli;

/// <summary>An option that takes one word from a short list: what the one-line error and the tests read.</summary>
public interface IChoiceOption
{
    IReadOnlyList<string> Choices { get; }
    /// <summary>The end of "--design must be ...": "async or threads".</summary>
    string Accepts { get; }
}

/// <summary>
/// One word from a short list, compared ignoring case; a wrong word is one line that lists the right
/// ones. (System.CommandLine's own check prints the list one word per line, and an enum it cannot
/// convert adds a "did you mean" list: several lines for one mistake.) Declare one with <see cref="Choice"/>.
/// </summary>
public sealed class ChoiceOption<T> : Option<T>, IChoiceOption
{
    private readonly IReadOnlyList<(string Word, T Value)> _choices;

    internal ChoiceOption(string name, string description, IReadOnlyList<(string Word, T Value)> choices, bool hasDefault, T defaultValue)
        : base(name)
    {
        _choices = choices;
        Description = description;
        if (hasDefault) DefaultValueFactory = _ => defaultValue;
        HelpName = string.Join('|', choices.Select(c => c.Word)); // the help shows --design <async|threads>
        CustomParser = Read;
        CompletionSources.Add(_ => choices.Select(c => new System.CommandLine.Completions.CompletionItem(c.Word)));
    }

    public IReadOnlyList<string> Choices => [.. _choices.Select(c => c.Word)];

    public string Accepts => _choices.Count == 1 ? _choices[0].Word
        : $"{string.Join(", ", Choices.Take(_choices.Count - 1))} or {Choices[^1]}";

    private T Read(ArgumentResult result)
    {
        string text = string.Join(' ', result.Tokens.Select(t => t.Value));
        foreach (var (word, value) in _choices)
            if (string.Equals(Choice.Simplify(word), Choice.Simplify(text), StringComparison.OrdinalIgnoreCase)) return value;
        result.AddError($"{Name} must be {Accepts}, not '{text}'.");
        return _choices[0].Value;
    }
}

/// <summary>Declares an option that takes one word from a short list: plain words, or an enum's values.</summary>
public static partial class Choice
{
    public static ChoiceOption<string> Of(string name, string description, string defaultValue, params string[] words) =>
        new(name, description, [.. words.Select(w => (w, w))], hasDefault: true, defaultValue);

    /// <summary>A word from the list, or nothing when the option is not given.</summary>
    public static ChoiceOption<string?> Optional(string name, string description, params string[] words) =>
        new(name, description, [.. words.Select(w => (w, (string?)w))], hasDefault: false, null);

    /// <summary>An enum's values, written in lower case with hyphens: SleepAfterTick is "sleep-after-tick".</summary>
    public static ChoiceOption<TEnum> Of<TEnum>(string name, string description, TEnum defaultValue) where TEnum : struct, Enum =>
        new(name, description, [.. Enum.GetValues<TEnum>().Select(v => (Words(v.ToString()), v))], hasDefault: true, defaultValue);

    /// <summary>What two spellings of one word have in common: "SleepAfterTick", "sleep-after-tick".</summary>
    internal static string Simplify(string word) => word.Replace("-", "", StringComparison.Ordinal);

    private static string Words(string pascalCase) => WordStart().Replace(pascalCase, "-$1").ToLowerInvariant();

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex WordStart();
}
