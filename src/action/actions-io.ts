// The one adapter onto @actions/core (workflow commands, outputs, summary, masking). Nothing else in
// src/ imports @actions/core.
import * as core from '@actions/core';
import type { Annotation } from './annotations.js';
import type { ActionIO } from './run.js';
import type { InputName } from './inputs.js';

export function createActionsIO(): ActionIO {
  return {
    logger: {
      debug: (message) => core.debug(message),
      info: (message) => core.info(message),
      warning: (message) => core.warning(message),
      error: (message) => core.error(message),
    },
    getInput: (name: InputName) => core.getInput(name),
    setSecret: (value) => core.setSecret(value),
    setOutput: (name, value) => core.setOutput(name, value),
    annotate: (annotation: Annotation) => {
      const properties: core.AnnotationProperties = {
        title: annotation.title,
        file: annotation.file,
        startLine: annotation.startLine,
        endLine: annotation.endLine,
        ...(annotation.startColumn !== undefined ? { startColumn: annotation.startColumn, endColumn: annotation.endColumn } : {}),
      };
      if (annotation.level === 'error') core.error(annotation.message, properties);
      else if (annotation.level === 'warning') core.warning(annotation.message, properties);
      else core.notice(annotation.message, properties);
    },
    notice: (message) => core.notice(message),
    writeSummary: async (markdown) => {
      // Without GITHUB_STEP_SUMMARY (a local run) there is nowhere to write: skip quietly.
      if (!process.env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(markdown, true).write();
    },
    setFailed: (message) => core.setFailed(message),
  };
}
