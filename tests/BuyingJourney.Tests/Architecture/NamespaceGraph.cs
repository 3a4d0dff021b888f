using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Text;

namespace BuyingJourney.Tests.Architecture;

/// <summary>
/// The dependencies between the namespace groups of one assembly, from what its compiled code uses: base types,
/// interfaces, fields, properties, events, method signatures, generic arguments and constraints, attributes (with their
/// <c>typeof</c> arguments) and every method body's IL (the types, methods and fields its tokens name). A group is a
/// namespace's first segment under the root (<c>Root.Rules.Json</c> counts as <c>Root.Rules</c>; the root namespace is
/// a group of its own); a nested type (closures, lambdas, state machines included) counts in its outermost type's
/// namespace. Only types of the assembly under the root are nodes.
/// </summary>
internal sealed class NamespaceGraph
{
    private const int ExamplesPerEdge = 3;

    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private readonly Assembly _assembly;
    private readonly string _root;
    private readonly SortedDictionary<string, SortedDictionary<string, List<string>>> _edges = new(StringComparer.Ordinal);

    private NamespaceGraph(Assembly assembly, string root)
    {
        _assembly = assembly;
        _root = root;
    }

    /// <summary>For each group, the groups it uses, with up to three examples per edge ("Type.Member uses OtherType").</summary>
    public IReadOnlyDictionary<string, SortedDictionary<string, List<string>>> Edges => _edges;

    /// <summary>Builds the graph of <paramref name="assembly"/>'s namespaces under <paramref name="root"/>.</summary>
    public static NamespaceGraph Build(Assembly assembly, string root)
    {
        var graph = new NamespaceGraph(assembly, root);
        foreach (var type in assembly.GetTypes())
        {
            graph.AddType(type);
        }

        return graph;
    }

    /// <summary>The strongly connected components of more than one group: every cycle, each listed once.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var nodes = _edges.Keys.Concat(_edges.Values.SelectMany(e => e.Keys)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var components = new List<IReadOnlyList<string>>();
        var next = 0;

        void Connect(string node)
        {
            index[node] = low[node] = next++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var target in _edges.TryGetValue(node, out var targets) ? targets.Keys : Enumerable.Empty<string>())
            {
                if (!index.TryGetValue(target, out var targetIndex))
                {
                    Connect(target);
                    low[node] = Math.Min(low[node], low[target]);
                }
                else if (onStack.Contains(target))
                {
                    low[node] = Math.Min(low[node], targetIndex);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);

                if (component.Count > 1)
                {
                    components.Add([.. component.Order(StringComparer.Ordinal)]);
                }
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Connect(node);
        }

        return [.. components.OrderBy(c => c[0], StringComparer.Ordinal)];
    }

    /// <summary>Each cycle with its edges and, per edge, its examples; empty when there is none.</summary>
    public string DescribeCycles()
    {
        var text = new StringBuilder();
        foreach (var cycle in Cycles())
        {
            text.Append("Cycle among ").AppendJoin(", ", cycle).AppendLine(":");
            foreach (var from in cycle)
            {
                foreach (var (to, examples) in _edges[from].Where(e => cycle.Contains(e.Key, StringComparer.Ordinal)))
                {
                    text.Append("  ").Append(from).Append(" -> ").Append(to).AppendLine(":");
                    foreach (var example in examples)
                    {
                        text.Append("    ").AppendLine(example);
                    }
                }
            }
        }

        return text.ToString();
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }

    private static string Name(Type type)
    {
        var name = type.IsNested ? Name(type.DeclaringType!) + "+" + type.Name : type.Name;
        return name;
    }

    private static string FullName(Type type) => Outermost(type).Namespace is { } ns ? ns + "." + Name(type) : Name(type);

    /// <summary>The group of a type of the assembly under the root, else null.</summary>
    private string? Group(Type type)
    {
        if (type.Assembly != _assembly)
        {
            return null;
        }

        var ns = Outermost(type).Namespace;
        if (ns is null || !(ns == _root || ns.StartsWith(_root + ".", StringComparison.Ordinal)))
        {
            return null;
        }

        if (ns == _root)
        {
            return _root;
        }

        var rest = ns[(_root.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return _root + "." + (dot < 0 ? rest : rest[..dot]);
    }

    /// <summary>The types a type is made of: itself, or its element type, generic definition and arguments.</summary>
    private static IEnumerable<Type> Parts(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var part in Parts(type.GetElementType()!))
            {
                yield return part;
            }
        }
        else if (type.IsGenericParameter || type.IsFunctionPointer)
        {
            yield break;
        }
        else if (type.IsConstructedGenericType)
        {
            yield return type.GetGenericTypeDefinition();
            foreach (var part in type.GetGenericArguments().SelectMany(Parts))
            {
                yield return part;
            }
        }
        else
        {
            yield return type;
        }
    }

    private void Use(string? from, string site, Type? used)
    {
        if (from is null || used is null)
        {
            return;
        }

        foreach (var part in Parts(used))
        {
            var to = Group(part);
            if (to is null || to == from)
            {
                continue;
            }

            if (!_edges.TryGetValue(from, out var targets))
            {
                _edges[from] = targets = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            }

            if (!targets.TryGetValue(to, out var examples))
            {
                targets[to] = examples = [];
            }

            var example = site + " uses " + FullName(part);
            if (examples.Count < ExamplesPerEdge && !examples.Contains(example, StringComparer.Ordinal))
            {
                examples.Add(example);
            }
        }
    }

    private void UseAttributes(string? from, string site, IEnumerable<CustomAttributeData> attributes)
    {
        foreach (var attribute in attributes)
        {
            Use(from, site, attribute.AttributeType);
            foreach (var argument in attribute.ConstructorArguments.Concat(attribute.NamedArguments.Select(n => n.TypedValue)))
            {
                Use(from, site, argument.ArgumentType);
                if (argument.Value is Type typeArgument)
                {
                    Use(from, site, typeArgument);
                }
            }
        }
    }

    private void UseGenericParameters(string? from, string site, IEnumerable<Type> parameters)
    {
        foreach (var parameter in parameters.Where(p => p.IsGenericParameter))
        {
            foreach (var constraint in parameter.GetGenericParameterConstraints())
            {
                Use(from, site, constraint);
            }
        }
    }

    private void AddType(Type type)
    {
        var from = Group(type);
        if (from is null)
        {
            return;
        }

        var name = Name(type);
        Use(from, name, type.BaseType);
        foreach (var contract in type.GetInterfaces())
        {
            Use(from, name, contract);
        }

        UseAttributes(from, name, type.GetCustomAttributesData());
        if (type.IsGenericTypeDefinition)
        {
            UseGenericParameters(from, name, type.GetGenericArguments());
        }

        // An auto-property's backing field has the property's type and attributes: the property names the use.
        foreach (var field in type.GetFields(Declared).Where(f => !f.Name.EndsWith(">k__BackingField", StringComparison.Ordinal)))
        {
            var site = name + "." + field.Name;
            Use(from, site, field.FieldType);
            UseAttributes(from, site, field.GetCustomAttributesData());
        }

        foreach (var property in type.GetProperties(Declared))
        {
            var site = name + "." + property.Name;
            Use(from, site, property.PropertyType);
            UseAttributes(from, site, property.GetCustomAttributesData());
            foreach (var parameter in property.GetIndexParameters())
            {
                Use(from, site, parameter.ParameterType);
            }
        }

        foreach (var @event in type.GetEvents(Declared))
        {
            var site = name + "." + @event.Name;
            Use(from, site, @event.EventHandlerType);
            UseAttributes(from, site, @event.GetCustomAttributesData());
        }

        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            AddMethod(type, from, name + "." + method.Name, method);
        }
    }

    private void AddMethod(Type type, string from, string site, MethodBase method)
    {
        UseAttributes(from, site, method.GetCustomAttributesData());
        if (method is MethodInfo info)
        {
            Use(from, site, info.ReturnType);
            UseAttributes(from, site, info.ReturnParameter.GetCustomAttributesData());
        }

        if (method.IsGenericMethodDefinition)
        {
            UseGenericParameters(from, site, method.GetGenericArguments());
        }

        foreach (var parameter in method.GetParameters())
        {
            Use(from, site, parameter.ParameterType);
            UseAttributes(from, site, parameter.GetCustomAttributesData());
        }

        var body = method.GetMethodBody();
        if (body is null)
        {
            return;
        }

        foreach (var local in body.LocalVariables)
        {
            Use(from, site, local.LocalType);
        }

        var typeArguments = type.IsGenericType ? type.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        foreach (var member in Tokens(method, body.GetILAsByteArray() ?? [], typeArguments, methodArguments))
        {
            switch (member)
            {
                case Type used:
                    Use(from, site, used);
                    break;
                case FieldInfo field:
                    Use(from, site, field.DeclaringType);
                    Use(from, site, field.FieldType);
                    break;
                case MethodBase called:
                    Use(from, site, called.DeclaringType);
                    if (called is MethodInfo calledInfo)
                    {
                        Use(from, site, calledInfo.ReturnType);
                        foreach (var argument in calledInfo.IsGenericMethod ? calledInfo.GetGenericArguments() : [])
                        {
                            Use(from, site, argument);
                        }
                    }

                    foreach (var parameter in called.GetParameters())
                    {
                        Use(from, site, parameter.ParameterType);
                    }

                    break;
            }
        }
    }

    /// <summary>The members named by the token operands of a method body's IL, resolved in its generic context.</summary>
    private static IEnumerable<MemberInfo> Tokens(MethodBase method, byte[] il, Type[]? typeArguments, Type[]? methodArguments)
    {
        var module = method.Module;
        var at = 0;
        while (at < il.Length)
        {
            short value = il[at++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[at++]));
            }

            var code = OpCodesByValue[value];
            switch (code.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                case OperandType.InlineField:
                    yield return module.ResolveField(BitConverter.ToInt32(il, at), typeArguments, methodArguments)!;
                    at += 4;
                    break;
                case OperandType.InlineMethod:
                    yield return module.ResolveMethod(BitConverter.ToInt32(il, at), typeArguments, methodArguments)!;
                    at += 4;
                    break;
                case OperandType.InlineType:
                    yield return module.ResolveType(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                    at += 4;
                    break;
                case OperandType.InlineTok:
                    yield return module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments)!;
                    at += 4;
                    break;
                default:
                    // InlineBrTarget, InlineI, InlineSig (calli's stand-alone signature), InlineString, ShortInlineR.
                    at += 4;
                    break;
            }
        }
    }
}
