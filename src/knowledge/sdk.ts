// LLM SDK surface as data: which imports create clients or call models, and where each call keeps its
// model id, token cap, system prompt, messages, tools and client options. A call counts as an LLM call only
// when its receiver traces to one of these imports (the API-graph binding CodeQL uses). Adding a provider
// or a method is an edit to this table, not to the rules.
// Sources: ../shared/reference/static-rules.md §1.6 and (b) "Binding"; SDK docs quoted there.

export type Provider = 'anthropic' | 'openai' | 'google' | 'vercel-ai' | 'langchain' | 'litellm' | 'wrapper';
export type SdkLanguage = 'python' | 'js';

/** The part an option plays in a call. Rules ask for roles, never for provider-specific names. */
export type OptionRole =
  | 'model'
  | 'maxTokens'
  | 'system'
  | 'messages'
  | 'prompt'
  | 'tools'
  | 'stream'
  | 'timeout'
  | 'maxRetries'
  | 'apiKey'
  | 'allowBrowser'
  | 'stopWhen'
  | 'maxSteps'
  | 'abortSignal';

export interface Signature {
  /** How options are passed: Python keyword arguments, or the properties of one object-literal argument. */
  options: { style: 'keywords' } | { style: 'object'; argument: number };
  /** Option names per role; a dotted name reaches into a nested object or config call
   * (`config.max_output_tokens` for google-genai). First listed name is the preferred spelling. */
  names: Partial<Record<OptionRole, string[]>>;
  /** Roles passed positionally: `anthropic('claude-…')`, `GoogleGenerativeAI(apiKey)`. */
  positional?: Partial<Record<OptionRole, number>>;
  /** `max_tokens` is mandatory (Anthropic Messages): leaving it out fails at the API, not a cost issue. */
  maxTokensRequired?: boolean;
}

export interface MethodSpec {
  /** Path from the instance: `messages.create`, `chat.completions.create`, `invoke`. */
  path: string;
  /** `generate` calls a model; `model` returns a chat-model object whose own methods generate
   * (`genAI.getGenerativeModel({...}).generateContent()`). */
  kind: 'generate' | 'model';
  signature: Signature;
  /** For kind 'model': the generating methods of the returned object. */
  methods?: MethodSpec[];
  /** Legacy API shape (Anthropic Text Completions); model-retired notes it. */
  legacy?: boolean;
}

export interface ExportSpec {
  /** Exported name; `default` for a default export. */
  name: string;
  /**
   * - `client`: a class/constructor whose instances have LLM `methods` (`new Anthropic()`).
   * - `chat-model`: a class whose constructor holds the model config and whose `methods` generate
   *   (LangChain `ChatAnthropic`); the constructor call is the config of every generating call.
   * - `function`: calling it calls a model (`generateText`, `litellm.completion`).
   * - `model-factory`: returns a model handle from a model id (`anthropic('claude-…')`).
   * - `provider-factory`: returns a model factory (`createAnthropic({ apiKey })`).
   */
  kind: 'client' | 'chat-model' | 'function' | 'model-factory' | 'provider-factory';
  /** Constructor options for clients and chat models; call options for functions and factories. */
  signature: Signature;
  methods?: MethodSpec[];
}

export interface SdkModule {
  provider: Provider;
  language: SdkLanguage;
  /** Import specifier; Python submodules dotted (`google.genai`). */
  module: string;
  /** Runs in the browser by design (`@ai-sdk/react`): never a server SDK. */
  clientSafe?: boolean;
  exports: ExportSpec[];
}

const py = { style: 'keywords' } as const;
const obj0 = { style: 'object', argument: 0 } as const;
const obj1 = { style: 'object', argument: 1 } as const;

// ---- Anthropic --------------------------------------------------------------------------------------
const anthropicMessagesPy: Signature = {
  options: py,
  names: {
    model: ['model'],
    maxTokens: ['max_tokens'],
    system: ['system'],
    messages: ['messages'],
    tools: ['tools'],
    stream: ['stream'],
    timeout: ['timeout'],
  },
  maxTokensRequired: true,
};
const anthropicMessagesJs: Signature = {
  options: obj0,
  names: {
    model: ['model'],
    maxTokens: ['max_tokens'],
    system: ['system'],
    messages: ['messages'],
    tools: ['tools'],
    stream: ['stream'],
  },
  maxTokensRequired: true,
};
const anthropicLegacyPy: Signature = {
  options: py,
  names: { model: ['model'], maxTokens: ['max_tokens_to_sample'], prompt: ['prompt'] },
  maxTokensRequired: true,
};
const anthropicLegacyJs: Signature = { ...anthropicLegacyPy, options: obj0 };

function anthropicMethods(messages: Signature, legacy: Signature): MethodSpec[] {
  return [
    { path: 'messages.create', kind: 'generate', signature: messages },
    { path: 'messages.stream', kind: 'generate', signature: messages },
    { path: 'beta.messages.create', kind: 'generate', signature: messages },
    { path: 'beta.messages.stream', kind: 'generate', signature: messages },
    { path: 'messages.batches.create', kind: 'generate', signature: { ...messages, names: {} } },
    { path: 'completions.create', kind: 'generate', signature: legacy, legacy: true },
  ];
}

const anthropicClientPy: Signature = {
  options: py,
  names: { apiKey: ['api_key', 'auth_token'], timeout: ['timeout'], maxRetries: ['max_retries'] },
};
const anthropicClientJs: Signature = {
  options: obj0,
  names: {
    apiKey: ['apiKey', 'authToken'],
    timeout: ['timeout'],
    maxRetries: ['maxRetries'],
    allowBrowser: ['dangerouslyAllowBrowser'],
  },
};

// ---- OpenAI -----------------------------------------------------------------------------------------
const openaiChatPy: Signature = {
  options: py,
  names: {
    model: ['model'],
    maxTokens: ['max_completion_tokens', 'max_tokens'],
    messages: ['messages'],
    tools: ['tools', 'functions'],
    stream: ['stream'],
    timeout: ['timeout'],
  },
};
const openaiResponsesPy: Signature = {
  options: py,
  names: {
    model: ['model'],
    maxTokens: ['max_output_tokens'],
    system: ['instructions'],
    messages: ['input'],
    tools: ['tools'],
    stream: ['stream'],
    timeout: ['timeout'],
  },
};
const openaiCompletionsPy: Signature = {
  options: py,
  names: { model: ['model'], maxTokens: ['max_tokens'], prompt: ['prompt'] },
};
function openaiMethods(chat: Signature, responses: Signature, completions: Signature): MethodSpec[] {
  return [
    { path: 'chat.completions.create', kind: 'generate', signature: chat },
    { path: 'chat.completions.parse', kind: 'generate', signature: chat },
    { path: 'chat.completions.stream', kind: 'generate', signature: chat },
    { path: 'beta.chat.completions.parse', kind: 'generate', signature: chat },
    { path: 'beta.chat.completions.stream', kind: 'generate', signature: chat },
    { path: 'responses.create', kind: 'generate', signature: responses },
    { path: 'responses.parse', kind: 'generate', signature: responses },
    { path: 'responses.stream', kind: 'generate', signature: responses },
    { path: 'completions.create', kind: 'generate', signature: completions },
  ];
}
const openaiClientPy: Signature = {
  options: py,
  names: { apiKey: ['api_key'], timeout: ['timeout'], maxRetries: ['max_retries'] },
};
const openaiClientJs: Signature = {
  options: obj0,
  names: {
    apiKey: ['apiKey'],
    timeout: ['timeout'],
    maxRetries: ['maxRetries'],
    allowBrowser: ['dangerouslyAllowBrowser'],
  },
};
const asJs = (s: Signature): Signature => ({ ...s, options: obj0 });

// ---- Google -----------------------------------------------------------------------------------------
const genaiGeneratePy: Signature = {
  options: py,
  names: {
    model: ['model'],
    maxTokens: ['config.max_output_tokens'],
    system: ['config.system_instruction'],
    messages: ['contents'],
    tools: ['config.tools'],
  },
};
const genaiGenerateJs: Signature = {
  options: obj0,
  names: {
    model: ['model'],
    maxTokens: ['config.maxOutputTokens'],
    system: ['config.systemInstruction'],
    messages: ['contents'],
    tools: ['config.tools'],
  },
};
const generativeAiModelJs: Signature = {
  options: obj0,
  names: {
    model: ['model'],
    maxTokens: ['generationConfig.maxOutputTokens'],
    system: ['systemInstruction'],
    tools: ['tools'],
  },
};
const contentArg: Signature = { options: obj0, names: {}, positional: { messages: 0 } };

// ---- Vercel AI SDK ----------------------------------------------------------------------------------
const aiSdkCall: Signature = {
  options: obj0,
  names: {
    model: ['model'],
    maxTokens: ['maxOutputTokens', 'maxTokens'],
    system: ['system'],
    messages: ['messages'],
    prompt: ['prompt'],
    tools: ['tools'],
    maxRetries: ['maxRetries'],
    timeout: ['timeout'],
    stopWhen: ['stopWhen'],
    maxSteps: ['maxSteps'],
    abortSignal: ['abortSignal'],
  },
};
const modelFactory: Signature = { options: obj1, names: {}, positional: { model: 0 } };
const providerFactory: Signature = { options: obj0, names: { apiKey: ['apiKey'] } };

// ---- LangChain --------------------------------------------------------------------------------------
const chatModelPy: Signature = {
  options: py,
  names: {
    model: ['model', 'model_name'],
    maxTokens: ['max_tokens', 'max_completion_tokens', 'max_output_tokens'],
    timeout: ['timeout', 'default_request_timeout'],
    maxRetries: ['max_retries'],
    apiKey: ['api_key', 'anthropic_api_key', 'openai_api_key', 'google_api_key'],
  },
};
const chatModelJs: Signature = {
  options: obj0,
  names: {
    model: ['model', 'modelName'],
    maxTokens: ['maxTokens', 'maxOutputTokens'],
    timeout: ['timeout'],
    maxRetries: ['maxRetries'],
    apiKey: ['apiKey', 'anthropicApiKey', 'openAIApiKey'],
  },
};
const invokeArg: Signature = { options: { style: 'keywords' }, names: {}, positional: { messages: 0 } };
const chatModelMethods = (language: SdkLanguage): MethodSpec[] =>
  (language === 'python'
    ? ['invoke', 'ainvoke', 'stream', 'astream', 'batch', 'abatch', 'predict']
    : ['invoke', 'stream', 'batch', 'call']
  ).map((path) => ({ path, kind: 'generate' as const, signature: invokeArg }));

function chatModel(provider: Provider, language: SdkLanguage, module: string, classes: string[]): SdkModule {
  const signature = language === 'python' ? chatModelPy : chatModelJs;
  return {
    provider,
    language,
    module,
    exports: classes.map((name) => ({ name, kind: 'chat-model', signature, methods: chatModelMethods(language) })),
  };
}

export const SDK_MODULES: SdkModule[] = [
  // Python
  {
    provider: 'anthropic',
    language: 'python',
    module: 'anthropic',
    exports: [
      'Anthropic',
      'AsyncAnthropic',
      'AnthropicBedrock',
      'AsyncAnthropicBedrock',
      'AnthropicVertex',
      'AsyncAnthropicVertex',
    ].map((name) => ({
      name,
      kind: 'client' as const,
      signature: anthropicClientPy,
      methods: anthropicMethods(anthropicMessagesPy, anthropicLegacyPy),
    })),
  },
  {
    provider: 'openai',
    language: 'python',
    module: 'openai',
    exports: ['OpenAI', 'AsyncOpenAI', 'AzureOpenAI', 'AsyncAzureOpenAI'].map((name) => ({
      name,
      kind: 'client' as const,
      signature: openaiClientPy,
      methods: openaiMethods(openaiChatPy, openaiResponsesPy, openaiCompletionsPy),
    })),
  },
  {
    provider: 'google',
    language: 'python',
    module: 'google.genai',
    exports: [
      {
        name: 'Client',
        kind: 'client',
        signature: { options: py, names: { apiKey: ['api_key'] } },
        methods: ['models.generate_content', 'models.generate_content_stream', 'aio.models.generate_content'].map(
          (path) => ({ path, kind: 'generate' as const, signature: genaiGeneratePy }),
        ),
      },
    ],
  },
  {
    provider: 'litellm',
    language: 'python',
    module: 'litellm',
    exports: ['completion', 'acompletion'].map((name) => ({
      name,
      kind: 'function' as const,
      signature: { ...openaiChatPy, names: { ...openaiChatPy.names, maxRetries: ['num_retries'] } },
    })),
  },
  chatModel('langchain', 'python', 'langchain_anthropic', ['ChatAnthropic']),
  chatModel('langchain', 'python', 'langchain_openai', ['ChatOpenAI', 'AzureChatOpenAI']),
  chatModel('langchain', 'python', 'langchain_google_genai', ['ChatGoogleGenerativeAI']),
  chatModel('langchain', 'python', 'langchain.chat_models', ['ChatAnthropic', 'ChatOpenAI']),
  chatModel('langchain', 'python', 'langchain_community.chat_models', ['ChatAnthropic', 'ChatOpenAI']),

  // JavaScript / TypeScript
  ...[
    ['@anthropic-ai/sdk', ['default', 'Anthropic']],
    ['@anthropic-ai/bedrock-sdk', ['default', 'AnthropicBedrock']],
    ['@anthropic-ai/vertex-sdk', ['default', 'AnthropicVertex']],
  ].map(
    ([module, names]): SdkModule => ({
      provider: 'anthropic',
      language: 'js',
      module: module as string,
      exports: (names as string[]).map((name) => ({
        name,
        kind: 'client' as const,
        signature: anthropicClientJs,
        methods: anthropicMethods(anthropicMessagesJs, anthropicLegacyJs),
      })),
    }),
  ),
  {
    provider: 'openai',
    language: 'js',
    module: 'openai',
    exports: ['default', 'OpenAI', 'AzureOpenAI'].map((name) => ({
      name,
      kind: 'client' as const,
      signature: openaiClientJs,
      methods: openaiMethods(asJs(openaiChatPy), asJs(openaiResponsesPy), asJs(openaiCompletionsPy)).map((m) => ({
        ...m,
        signature: {
          ...m.signature,
          names: Object.fromEntries(
            Object.entries(m.signature.names).filter(([role]) => role !== 'timeout'),
          ) as Signature['names'],
        },
      })),
    })),
  },
  {
    provider: 'google',
    language: 'js',
    module: '@google/genai',
    exports: [
      {
        name: 'GoogleGenAI',
        kind: 'client',
        signature: { options: obj0, names: { apiKey: ['apiKey'] } },
        methods: ['models.generateContent', 'models.generateContentStream'].map((path) => ({
          path,
          kind: 'generate' as const,
          signature: genaiGenerateJs,
        })),
      },
    ],
  },
  {
    provider: 'google',
    language: 'js',
    module: '@google/generative-ai',
    exports: [
      {
        name: 'GoogleGenerativeAI',
        kind: 'client',
        signature: { options: obj1, names: {}, positional: { apiKey: 0 } },
        methods: [
          {
            path: 'getGenerativeModel',
            kind: 'model',
            signature: generativeAiModelJs,
            methods: ['generateContent', 'generateContentStream', 'startChat'].map((path) => ({
              path,
              kind: 'generate' as const,
              signature: contentArg,
            })),
          },
        ],
      },
    ],
  },
  {
    provider: 'vercel-ai',
    language: 'js',
    module: 'ai',
    exports: ['generateText', 'streamText', 'generateObject', 'streamObject'].map((name) => ({
      name,
      kind: 'function' as const,
      signature: aiSdkCall,
    })),
  },
  ...(
    [
      ['@ai-sdk/anthropic', 'anthropic', 'createAnthropic'],
      ['@ai-sdk/openai', 'openai', 'createOpenAI'],
      ['@ai-sdk/google', 'google', 'createGoogleGenerativeAI'],
      ['@ai-sdk/amazon-bedrock', 'bedrock', 'createAmazonBedrock'],
      ['@ai-sdk/google-vertex', 'vertex', 'createVertex'],
    ] as const
  ).map(
    ([module, factory, creator]): SdkModule => ({
      provider: 'vercel-ai',
      language: 'js',
      module,
      exports: [
        { name: factory, kind: 'model-factory', signature: modelFactory },
        { name: creator, kind: 'provider-factory', signature: providerFactory },
      ],
    }),
  ),
  chatModel('langchain', 'js', '@langchain/anthropic', ['ChatAnthropic']),
  chatModel('langchain', 'js', '@langchain/openai', ['ChatOpenAI', 'AzureChatOpenAI']),
  chatModel('langchain', 'js', '@langchain/google-genai', ['ChatGoogleGenerativeAI']),
];

/** Browser-side packages that talk to your own route, never to the provider (`useChat`). */
export const CLIENT_SAFE_MODULES = ['@ai-sdk/react', '@ai-sdk/vue', '@ai-sdk/svelte', 'ai/react', '@ai-sdk/ui-utils'];

/** Server SDK modules that must not be imported into browser code (client-sdk-in-client-module). */
export const SERVER_SDK_MODULES: string[] = SDK_MODULES.filter((m) => m.language === 'js' && m.module !== 'ai').map(
  (m) => m.module,
);

export function sdkModulesFor(language: SdkLanguage): SdkModule[] {
  return SDK_MODULES.filter((m) => m.language === language);
}

/** LLM SDK error classes by name (`openai.RateLimitError`, `APIStatusError`, `AI_APICallError`): a catch clause
 * that names one is around an LLM call, even one made in a helper. */
export const SDK_ERROR_CLASS =
  /\b(?:anthropic|openai|genai|litellm)\.(?:\w+\.)*\w*(?:Error|Exception)\b|\b(?:APIError|APIStatusError|APIConnectionError|APITimeoutError|RateLimitError|AuthenticationError|BadRequestError|InternalServerError|OverloadedError|AI_APICallError|APICallError)\b/;

/** Python calls that return the current traceback text whatever the except clause names the error
 * (`traceback.format_exc()`): sent to the client, they leak the provider error like `str(e)` (leak-raw-error). */
export const TRACEBACK_CALLS: readonly string[] = ['traceback.format_exc', 'format_exc', 'traceback.format_exception', 'traceback.format_tb'];
