import { type ASTNode, GraphQLError, Kind, parse, visit } from 'graphql';

/** What a client is told about one variable graphql-js could not coerce. */
export interface VariableInputProblem {
  /** The variable and the path inside it, e.g. `input.sites[0].buildingAreaM2`. */
  field: string;
  /** Chinese, and never the value itself: that may be a 100 000-character string or a script. */
  message: string;
}

// The path graphql-js appends to its sentence: a variable name, then `.field` and `[index]` steps.
const TRAILING_PATH = / at "([A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\d+\])*)"$/;

/** graphql-js's sentences about one value (built-in scalars, enums, input objects), in Chinese. */
const REASONS: ReadonlyArray<[RegExp, string]> = [
  [/^Expected non-nullable type .* not to be null\.$/s, '不能为空'],
  [/^Expected type "[^"]+" to be an object\.$/, '必须是对象'],
  [/^Int cannot represent non 32-bit signed integer value/, '超出整数范围（-2147483648 到 2147483647）'],
  [/^Int cannot represent/, '必须是整数'],
  [/^Float cannot represent/, '必须是数字'],
  [/^String cannot represent/, '必须是字符串'],
  [/^Boolean cannot represent/, '必须是布尔值（true 或 false）'],
  [/^ID cannot represent/, '必须是字符串形式的标识（ID）'],
  [/^(Enum "[^"]+" cannot represent|Value ".*" does not exist in "[^"]+" enum)/s, '不是允许的取值'],
];

const CHINESE = /[\u4e00-\u9fa5]/;

/**
 * Where the operation uses a variable: the argument (and input-object fields) it fills, e.g. `$on`
 * passed as `approvedOn: $on` → `approvedOn`. A form knows its fields by the API's names, not by the
 * variable names a client chose. Used once in the document, or undefined.
 */
export function argumentPathOf(source: string, variable: string): string | undefined {
  let document;
  try {
    document = parse(source);
  } catch {
    return undefined;
  }
  const found: string[] = [];
  visit(document, {
    Variable(node, _key, parent, _path, ancestors) {
      if (node.name.value !== variable) return;
      // graphql-js's ancestors stop short of the parent, which is the argument or field itself.
      const names = ([...ancestors, parent] as ASTNode[]).flatMap((ancestor) => (ancestor && 'kind' in ancestor && (ancestor.kind === Kind.ARGUMENT || ancestor.kind === Kind.OBJECT_FIELD) ? [ancestor.name.value] : []));
      if (names.length > 0) found.push(names.join('.'));
    },
  });
  return found.length === 1 ? found[0] : undefined;
}

/** The reason one value was refused, and the input field it names when that is a field of an object. */
function reasonOf(inner: GraphQLError | undefined): { subField?: string; reason: string } {
  const message = inner?.message ?? '';
  // Our own scalars (Date, Money, …) already speak Chinese.
  if (CHINESE.test(message)) return { reason: message };
  const missing = /^Field "(\w+)" of required type "[^"]+" was not provided\.$/.exec(message);
  if (missing) return { subField: missing[1], reason: '缺少必填字段' };
  const unknown = /^Field "(\w+)" is not defined by type "[^"]+"\./.exec(message);
  if (unknown) return { subField: unknown[1], reason: '不是可接受的字段' };
  const known = REASONS.find(([pattern]) => pattern.test(message));
  return { reason: known ? known[1] : '取值无效' };
}

/**
 * A variable-coercion failure, told as the input field at fault and a Chinese reason. graphql-js
 * words it as one English sentence that quotes the whole value and names the path
 * (`Variable "$input" got invalid value … at "input.sites[0].name"; <why>`); Apollo Server
 * reports it as BAD_USER_INPUT but passes the sentence on as it is.
 */
export function variableInputProblem(error: unknown): VariableInputProblem | undefined {
  if (!(error instanceof GraphQLError) || error.nodes?.length !== 1) return undefined;
  const node = error.nodes[0];
  if (node.kind !== Kind.VARIABLE_DEFINITION) return undefined;
  const variable = node.variable.name.value;
  const { message } = error;
  const source = error.source ?? node.loc?.source;
  const argument = source ? argumentPathOf(source.body, variable) : undefined;
  const named = argument ?? variable;
  if (message.startsWith(`Variable "$${variable}" of required type `)) return { field: named, message: `缺少必填参数（${named}）` };
  if (message.startsWith(`Variable "$${variable}" of non-null type `)) return { field: named, message: `不能为空（${named}）` };
  if (!message.startsWith(`Variable "$${variable}" got invalid value `) && !message.startsWith(`Variable "$${variable}" has invalid value`)) return undefined;

  const inner = error.originalError instanceof GraphQLError ? error.originalError : undefined;
  // The sentence ends with "; " and the inner error's message: what precedes it may end with the path.
  const head = inner && message.endsWith(`; ${inner.message}`) ? message.slice(0, -inner.message.length - 2) : message;
  const variablePath = TRAILING_PATH.exec(head)?.[1] ?? variable;
  const path = argument ? argument + variablePath.slice(variable.length) : variablePath;
  const { subField, reason } = reasonOf(inner);
  const field = subField ? `${path}.${subField}` : path;
  return { field, message: `${reason}（${field}）` };
}
