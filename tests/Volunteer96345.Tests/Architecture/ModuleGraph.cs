using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Volunteer96345.Tests.Architecture;

/// <summary>
/// The module-to-module references of the compiled app, read from its IL with Mono.Cecil: every type a type names in
/// its base type, interfaces, attributes, fields, properties, events, method signatures, generic arguments, locals,
/// catch clauses and the operands of its instructions. A module is the first namespace segment under
/// <c>Volunteer96345</c>; compiler-generated and nested types count for the type that declares them.
/// </summary>
internal sealed class ModuleGraph
{
    private const string Root = "Volunteer96345";

    private ModuleGraph(Dictionary<(string From, string To), SortedSet<string>> edges) => Edges = edges;

    /// <summary>Each edge with the names of the types that carry it (the referring side).</summary>
    public IReadOnlyDictionary<(string From, string To), SortedSet<string>> Edges { get; }

    public static ModuleGraph Of(string assemblyPath)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        var main = assembly.MainModule;
        var edges = new Dictionary<(string, string), SortedSet<string>>();
        foreach (var type in main.GetTypes())
        {
            var owner = Outermost(type);
            var from = ModuleOf(owner.Namespace);
            if (from is null)
            {
                continue;
            }

            foreach (var referenced in References(type))
            {
                if (referenced.Scope != main && referenced.Module != main)
                {
                    continue;
                }

                var to = ModuleOf(Outermost(referenced).Namespace);
                if (to is null || to == from)
                {
                    continue;
                }

                if (!edges.TryGetValue((from, to), out var carriers))
                {
                    edges[(from, to)] = carriers = new SortedSet<string>(StringComparer.Ordinal);
                }

                carriers.Add(owner.FullName);
            }
        }

        return new ModuleGraph(edges);
    }

    /// <summary>The cycles of a graph, each as its strongly connected set of nodes (Tarjan), sorted.</summary>
    public static IReadOnlyList<string> Cycles(IReadOnlyCollection<(string From, string To)> edges)
    {
        var graph = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var nodes = edges.SelectMany(e => new[] { e.From, e.To }).Distinct().Order(StringComparer.Ordinal).ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<string>();
        var next = 0;

        void Visit(string node)
        {
            index[node] = low[node] = next++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var to in graph.GetValueOrDefault(node) ?? [])
            {
                if (!index.TryGetValue(to, out var seen))
                {
                    Visit(to);
                    low[node] = Math.Min(low[node], low[to]);
                }
                else if (onStack.Contains(to))
                {
                    low[node] = Math.Min(low[node], seen);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string popped;
                do
                {
                    popped = stack.Pop();
                    onStack.Remove(popped);
                    component.Add(popped);
                }
                while (popped != node);
                if (component.Count > 1)
                {
                    cycles.Add(string.Join(" ⇄ ", component.Order(StringComparer.Ordinal)));
                }
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return [.. cycles.Order(StringComparer.Ordinal)];
    }

    private static string? ModuleOf(string ns)
    {
        var parts = ns.Split('.');
        return parts.Length >= 2 && parts[0] == Root ? parts[1] : null;
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is { } declaring)
        {
            type = declaring;
        }

        return type;
    }

    private static IEnumerable<TypeReference> References(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        void Add(TypeReference? t)
        {
            switch (t)
            {
                case null:
                    return;
                case GenericInstanceType generic:
                    Add(generic.ElementType);
                    foreach (var argument in generic.GenericArguments)
                    {
                        Add(argument);
                    }

                    return;
                case TypeSpecification specification:
                    Add(specification.ElementType);
                    return;
                case GenericParameter:
                    return;
                default:
                    found.Add(t);
                    return;
            }
        }

        void AddMethod(MethodReference method)
        {
            Add(method.DeclaringType);
            Add(method.ReturnType);
            foreach (var parameter in method.Parameters)
            {
                Add(parameter.ParameterType);
            }

            if (method is GenericInstanceMethod generic)
            {
                foreach (var argument in generic.GenericArguments)
                {
                    Add(argument);
                }
            }
        }

        void AddAttributes(ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                Add(attribute.AttributeType);
                foreach (var argument in attribute.ConstructorArguments.Concat(attribute.Properties.Select(p => p.Argument)))
                {
                    Add(argument.Value as TypeReference);
                    Add(argument.Type);
                }
            }
        }

        Add(type.BaseType);
        AddAttributes(type);
        foreach (var implemented in type.Interfaces)
        {
            Add(implemented.InterfaceType);
        }

        foreach (var parameter in type.GenericParameters)
        {
            foreach (var constraint in parameter.Constraints)
            {
                Add(constraint.ConstraintType);
            }
        }

        foreach (var field in type.Fields)
        {
            Add(field.FieldType);
            AddAttributes(field);
        }

        foreach (var property in type.Properties)
        {
            Add(property.PropertyType);
            AddAttributes(property);
        }

        foreach (var @event in type.Events)
        {
            Add(@event.EventType);
        }

        foreach (var method in type.Methods)
        {
            AddMethod(method);
            AddAttributes(method);
            foreach (var parameter in method.Parameters)
            {
                AddAttributes(parameter);
            }

            if (!method.HasBody)
            {
                continue;
            }

            foreach (var variable in method.Body.Variables)
            {
                Add(variable.VariableType);
            }

            foreach (var handler in method.Body.ExceptionHandlers)
            {
                Add(handler.CatchType);
            }

            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference operandType:
                        Add(operandType);
                        break;
                    case MethodReference operandMethod:
                        AddMethod(operandMethod);
                        break;
                    case FieldReference operandField:
                        Add(operandField.DeclaringType);
                        Add(operandField.FieldType);
                        break;
                    case Instruction or Instruction[] or VariableDefinition or ParameterDefinition or CallSite or string or null:
                        break;
                    default:
                        break;
                }
            }
        }

        return found;
    }
}
