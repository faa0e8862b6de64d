// MCP server exposing a read-only glossary lookup over stdio. Input schemas are zod; the handler
// only reads from an in-memory table.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const GLOSSARY: Record<string, string> = {
  sla: 'Service level agreement: the uptime and response times we commit to.',
  rpo: 'Recovery point objective: the maximum acceptable data loss, measured in time.',
  rto: 'Recovery time objective: how quickly service must be restored after an outage.',
};

const server = new McpServer({ name: 'acme-glossary', version: '1.2.0' });

server.registerTool(
  'define_term',
  {
    title: 'Define a term',
    description: 'Look up an operations term in the Acme glossary',
    inputSchema: { term: z.string().min(1).max(40) },
  },
  async ({ term }) => {
    const key = term.trim().toLowerCase();
    const definition = Object.hasOwn(GLOSSARY, key) ? GLOSSARY[key] : undefined;
    return { content: [{ type: 'text', text: definition ?? 'No glossary entry for that term.' }] };
  },
);

server.registerTool(
  'list_terms',
  { title: 'List terms', description: 'All glossary terms', inputSchema: {} },
  async () => ({ content: [{ type: 'text', text: Object.keys(GLOSSARY).sort().join(', ') }] }),
);

await server.connect(new StdioServerTransport());
