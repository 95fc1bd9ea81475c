using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Course.Cli;

namespace Course.Classroom.Starter;

/// <summary>
/// What a starter was made for, written into it as <c>.classroom/assignment.json</c>: the chapter, the
/// assigned exercises, the course commit it came from, and a SHA-256 of every file the grader puts back
/// (the tests as handed out), and of every approved snapshot (so a grade can list those the student changed). The grader reads it to know what to grade and to check that the tests it
/// restores are the ones the student was given.
/// </summary>
public sealed record Assignment(
    [property: JsonPropertyName("chapter")] string Chapter,
    [property: JsonPropertyName("exercises")] IReadOnlyList<int> Exercises,
    [property: JsonPropertyName("course_commit")] string? CourseCommit,
    [property: JsonPropertyName("created")] DateTimeOffset Created,
    [property: JsonPropertyName("graded_files")] IReadOnlyDictionary<string, string> GradedFiles,
    [property: JsonPropertyName("approved_snapshots")] IReadOnlyDictionary<string, string> ApprovedSnapshots)
{
    public const string FileName = ".classroom/assignment.json";
    /// <summary>A copy of the graded files, for the student repository's own workflow (the student can edit it).</summary>
    public const string HandoutFolder = ".classroom/handout";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static string Hash(string content) => Hash(Encoding.UTF8.GetBytes(content));

    public void Save(string folder)
    {
        string path = Path.Combine(folder, FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
    }

    public static Assignment Load(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            throw new UserError($"{folder} has no {FileName}: grade a repository made by `starter`.", ExitCodes.Usage);
        try
        {
            return JsonSerializer.Deserialize<Assignment>(File.ReadAllText(path), Json)
                ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new UserError($"{path} is not an assignment file the grader can read ({e.Message}).", ExitCodes.Usage);
        }
    }
}
