using System.Text.RegularExpressions;

namespace Course.Classroom.Exercises;

/// <summary>
/// Deletes the <c>Skip = "Exercise N ..."</c> argument of the chosen exercise tests, exactly as a student
/// is told to: <c>[Fact(Skip = "...")]</c> becomes <c>[Fact]</c>. The starter does it for the assigned
/// exercises, the grader again on the tests it restores, the proof on every exercise it checks.
/// </summary>
public static partial class Unskip
{
    /// <summary>The source with the Skip of each exercise in <paramref name="numbers"/> removed.</summary>
    public static string Apply(string source, IReadOnlySet<int> numbers) =>
        SkipArgument().Replace(source, match =>
        {
            if (!numbers.Contains(int.Parse(match.Groups["number"].Value))) return match.Value;
            string before = match.Groups["before"].Value.TrimEnd().TrimEnd(',').TrimEnd();
            string after = match.Groups["after"].Value.Trim().TrimStart(',').Trim();
            string arguments = string.Join(", ", new[] { before, after }.Where(a => a.Length > 0));
            return arguments.Length == 0 ? $"[{match.Groups["attribute"].Value}]" : $"[{match.Groups["attribute"].Value}({arguments})]";
        });

    /// <summary>Un-skips the chosen exercises in <paramref name="path"/>; true if the file changed.</summary>
    public static bool File(string path, IReadOnlySet<int> numbers)
    {
        string before = System.IO.File.ReadAllText(path);
        string after = Apply(before, numbers);
        if (after == before) return false;
        System.IO.File.WriteAllText(path, after);
        return true;
    }

    // [Attribute(<before>Skip = "Exercise N ..."<after>)]: a string literal with no escaped quotes, as the
    // exercise tests write them.
    [GeneratedRegex("""\[(?<attribute>\w+)\((?<before>[^()\]"]*?)Skip\s*=\s*"(?<text>Exercise\s+(?<number>\d+)[^"]*)"(?<after>[^()\]"]*)\)\]""")]
    private static partial Regex SkipArgument();
}
