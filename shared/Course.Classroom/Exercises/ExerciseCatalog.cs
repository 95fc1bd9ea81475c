using System.Text.RegularExpressions;
using Course.Classroom.Course;

namespace Course.Classroom.Exercises;

/// <summary>
/// Finds the exercise tests of a chapter by reading its <c>Exercises/*.cs</c> files: a method
/// <c>ExerciseN_...</c>, under an attribute with <c>Skip = "Exercise N ..."</c> (a <c>[Fact]</c> or a fact
/// of the chapter's own, such as one that needs haproxy). Reading the source rather than the built assembly
/// lets the starter and the proof work before anything is built.
/// </summary>
public static partial class ExerciseCatalog
{
    public static IReadOnlyList<ExerciseTest> Of(CourseTree course, Chapter chapter)
    {
        var found = new List<ExerciseTest>();
        string folder = course.PathOf(chapter.ExercisesFolder);
        if (!Directory.Exists(folder)) return found;
        foreach (string path in Directory.EnumerateFiles(folder, "*.cs").Order(StringComparer.Ordinal))
        {
            string text = System.IO.File.ReadAllText(path);
            string file = course.Relative(path);
            foreach (Match method in Method().Matches(text))
            {
                int number = int.Parse(method.Groups["number"].Value);
                // Skipped on the main line; switched on in a starter or while someone works on it. (.ci/run
                // checks that the main line skips them all.)
                Match skip = SkippedAttribute().Match(AttributesBefore(text, method.Index));
                if (skip.Success && int.Parse(skip.Groups["number"].Value) != number)
                    throw new InvalidOperationException($"{file}: {method.Groups["name"].Value} is skipped as exercise {skip.Groups["number"].Value}");
                found.Add(new ExerciseTest(chapter, number, method.Groups["name"].Value, file, SwitchedOn: !skip.Success));
            }
        }
        var twice = found.GroupBy(e => e.Number).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new InvalidOperationException($"{chapter.ExercisesFolder}: exercise {twice.Key} has {twice.Count()} tests ({string.Join(", ", twice.Select(e => e.Method))}); one test per exercise");
        return [.. found.OrderBy(e => e.Number)];
    }

    /// <summary>Every chapter's exercise tests.</summary>
    public static IReadOnlyList<ExerciseTest> All(CourseTree course) => [.. course.Chapters().SelectMany(c => Of(course, c))];

    /// <summary>The attribute lines right above a method (no blank line or comment between them).</summary>
    private static string AttributesBefore(string text, int methodIndex)
    {
        string[] lines = text[..methodIndex].Split('\n');
        int first = lines.Length - 1; // the method's own line, up to the method
        while (first > 0 && lines[first - 1].TrimStart().StartsWith('[')) first--;
        return string.Join('\n', lines[first..]);
    }

    [GeneratedRegex(@"public\s+(?:async\s+)?(?:Task|void)\s+(?<name>Exercise(?<number>\d+)_\w+)\s*\(")]
    private static partial Regex Method();

    [GeneratedRegex("""Skip\s*=\s*"Exercise\s+(?<number>\d+)""")]
    private static partial Regex SkippedAttribute();
}
