using System.Collections;
using System.Collections.Concurrent;

namespace Pickling;

/// <summary>
/// Makes the typed list or dictionary a field asks for (a <c>List&lt;Pellet&gt;</c>, not a list of objects).
/// Only <see cref="List{T}"/> and <see cref="Dictionary{TKey, TValue}"/>: the stream picks neither the
/// collection class nor its item types; the receiving field's declared type does.
/// </summary>
internal static class Collections
{
    private static readonly ConcurrentDictionary<Type, Func<int, IList>> ListMakers = new();
    private static readonly ConcurrentDictionary<(Type, Type), Func<int, IDictionary>> DictionaryMakers = new();

    public static IList NewList(Type itemType, int capacity) =>
        ListMakers.GetOrAdd(itemType, static t => (Func<int, IList>)typeof(Collections).GetMethod(nameof(ListOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(t).CreateDelegate(typeof(Func<int, IList>)))(capacity);

    public static IDictionary NewDictionary(Type keyType, Type valueType, int capacity) =>
        DictionaryMakers.GetOrAdd((keyType, valueType), static k => (Func<int, IDictionary>)typeof(Collections).GetMethod(nameof(DictionaryOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(k.Item1, k.Item2).CreateDelegate(typeof(Func<int, IDictionary>)))(capacity);

    private static IList ListOf<T>(int capacity) => new List<T>(capacity);

    private static IDictionary DictionaryOf<TKey, TValue>(int capacity) where TKey : notnull => new Dictionary<TKey, TValue>(capacity);

    /// <summary>A type the way an error message should say it: List&lt;Pellet&gt;, not List`1.</summary>
    public static string Describe(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>"
        : type.Name;
}
