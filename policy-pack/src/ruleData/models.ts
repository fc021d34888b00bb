// Which models are Azure OpenAI, and what each can produce: the CCC's requirements depend on both.
import { UseCase } from "../model/model";
import { SOURCES, Source } from "./sources";

export interface ModelRow {
  /** Model names, lower case, `*` matching any run of characters (fine-tuned `<base>.ft-<id>` match their base). */
  readonly patterns: readonly string[];
  readonly kind: string;
  /** The use cases the model's output can serve; empty for models with no content output. */
  readonly produces: readonly UseCase[];
  readonly source: Source;
}

const TEXT: readonly UseCase[] = ["text-generation", "code-generation"];

/** First matching row wins. A model no row matches is treated as producing text and code (fail closed). */
export const MODEL_TABLE: readonly ModelRow[] = [
  {
    patterns: ["text-embedding-*"],
    kind: "embeddings: vectors, no content output",
    produces: [],
    source: SOURCES.models,
  },
  {
    patterns: ["dall-e-*", "gpt-image-*"],
    kind: "image generation",
    produces: ["image-generation"],
    source: SOURCES.models,
  },
  { patterns: ["whisper"], kind: "speech to text (OpenAI Whisper)", produces: ["speech"], source: SOURCES.models },
  {
    patterns: ["tts", "tts-hd", "gpt-4o-mini-tts*"],
    kind: "text to speech",
    produces: ["speech"],
    source: SOURCES.models,
  },
  {
    patterns: ["gpt-4o-transcribe*", "gpt-4o-mini-transcribe*"],
    kind: "speech to text (transcripts are text)",
    produces: ["speech", "text-generation"],
    source: SOURCES.models,
  },
  {
    patterns: [
      "gpt-4o-audio-preview*",
      "gpt-4o-mini-audio-preview*",
      "gpt-audio*",
      "gpt-4o-realtime-preview*",
      "gpt-4o-mini-realtime-preview*",
      "gpt-realtime*",
    ],
    kind: "audio and text generation",
    produces: ["speech", ...TEXT],
    source: SOURCES.models,
  },
  { patterns: ["sora*"], kind: "video generation", produces: ["other"], source: SOURCES.models },
  {
    patterns: [
      "gpt-5*",
      "gpt-4.1*",
      "gpt-4.5*",
      "gpt-4o*",
      "gpt-4*",
      "gpt-35-turbo*",
      "o1*",
      "o3*",
      "o4-mini*",
      "codex-mini*",
      "computer-use-preview*",
      "model-router*",
      "gpt-oss-*",
      "davinci-002*",
      "babbage-002*",
      "ftchkpt-*",
    ],
    kind: "text and code generation",
    produces: TEXT,
    source: SOURCES.models,
  },
];

/** What a model no row matches is taken to produce: text and code, so the strictest requirements apply. */
export const UNKNOWN_MODEL_PRODUCES: readonly UseCase[] = TEXT;

/**
 * `model.format` values that are not Azure OpenAI (Foundry Models sold by other providers). The CCC's
 * required mitigations are for Azure OpenAI only; an unlisted format is treated as Azure OpenAI (fail closed).
 * `OpenAI-OSS` (gpt-oss) is not listed: whether the CCC counts it as Azure OpenAI is not documented.
 */
export const NON_AZURE_OPENAI_FORMATS: readonly string[] = [
  "AI21 Labs",
  "Black Forest Labs",
  "Cohere",
  "Core42",
  "DeepSeek",
  "Meta",
  "Microsoft",
  "Mistral AI",
  "xAI",
  "Anthropic",
];
export const FORMATS_SOURCE = SOURCES.modelsSoldByAzure;
