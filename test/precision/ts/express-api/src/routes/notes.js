// Plain CRUD for user notes (no LLM). Every query is parameterized and scoped to the signed-in user.
import { Router } from 'express';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const router = Router();

router.get('/', async (req, res, next) => {
  try {
    const { rows } = await pool.query('SELECT id, title, body, updated_at FROM notes WHERE owner_id = $1 ORDER BY updated_at DESC LIMIT 100', [req.session.userId]);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

router.post('/', async (req, res, next) => {
  const title = typeof req.body.title === 'string' ? req.body.title.slice(0, 200) : '';
  const body = typeof req.body.body === 'string' ? req.body.body.slice(0, 20000) : '';
  if (!title) return res.status(400).json({ error: 'title is required' });
  try {
    const { rows } = await pool.query('INSERT INTO notes (owner_id, title, body) VALUES ($1, $2, $3) RETURNING id', [req.session.userId, title, body]);
    res.status(201).json({ id: rows[0].id });
  } catch (err) {
    next(err);
  }
});

router.delete('/:id', async (req, res, next) => {
  const id = Number.parseInt(req.params.id, 10);
  if (!Number.isSafeInteger(id)) return res.status(400).json({ error: 'bad id' });
  try {
    const { rowCount } = await pool.query('DELETE FROM notes WHERE id = $1 AND owner_id = $2', [id, req.session.userId]);
    res.status(rowCount ? 204 : 404).end();
  } catch (err) {
    next(err);
  }
});

export default router;
