// Zoho Cliq bots, bot handlers and channel memberships as Pulumi resources.
package cliq
